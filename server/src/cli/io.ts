// The CLI's view of its terminal: where output goes and whether stderr is a TTY (for the progress bar).
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  cwd: string;
  color: boolean;
}

export function progressBar(io: CliIO): { update(done: number, total: number): void; clear(): void } {
  let last = 0;
  return {
    update(done, total) {
      if (!io.isTTY) return;
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (io.isTTY) io.err('\r\x1b[K');
    },
  };
}
