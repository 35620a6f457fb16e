// "Only lines changed since the last commit": the changed lines of a file from a local `git diff -U0 HEAD`.
//
// This runs git locally (no network). The diff describes the file on disk, so it is refreshed when
// the file is saved; unsaved edits are compared with the last saved state, which is close enough
// for deciding which findings are new.
import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** Parses unified-diff hunk headers (`@@ -a,b +c,d @@`) into 0-based changed lines of the new file. */
export function parseChangedLines(diff: string): Set<number> {
  const lines = new Set<number>();
  const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm;
  for (let m = hunk.exec(diff); m; m = hunk.exec(diff)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) lines.add(start - 1 + i);
  }
  return lines;
}

function git(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 5000, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (err, stdout) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout: String(stdout ?? '') });
    });
  });
}

/**
 * The changed lines of `file`, or `undefined` meaning "every line counts": the file is untracked
 * (all of it is new), the folder is not a git repository, or git is not available.
 */
export async function changedLines(file: string): Promise<Set<number> | undefined> {
  const cwd = path.dirname(file);
  const tracked = await git(['ls-files', '--error-unmatch', '--', path.basename(file)], cwd);
  if (tracked.code !== 0) return undefined;
  const diff = await git(['diff', '-U0', '--no-color', '--no-ext-diff', 'HEAD', '--', path.basename(file)], cwd);
  if (diff.code !== 0) return undefined;
  return parseChangedLines(diff.stdout);
}

/** Caches changed lines per file until the file is saved or its folder's git state is refreshed. */
export class ChangedLinesCache {
  private readonly cache = new Map<string, Promise<Set<number> | undefined>>();

  get(file: string): Promise<Set<number> | undefined> {
    let p = this.cache.get(file);
    if (!p) {
      p = changedLines(file);
      this.cache.set(file, p);
    }
    return p;
  }

  invalidate(file?: string): void {
    if (file) this.cache.delete(file);
    else this.cache.clear();
  }
}
