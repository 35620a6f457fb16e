// Reads the extension host's logs after the run: proves the extension activated from the .vsix, and fails
// the run on any error the extension host or Vigil's own log channel recorded about Vigil.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export interface LogReport {
  files: string[];
  activated: boolean;
  errors: string[];
}

export function readExtHostLogs(userDataDir: string, extensionId: string): LogReport {
  const all = walk(join(userDataDir, 'logs'));
  const hostLogs = all.filter((f) => /exthost\d*[/\\]remoteexthost\.log$/.test(f));
  // Vigil's LogOutputChannel and the language client's trace land in files named after the channel.
  const vigilLogs = all.filter((f) => /exthost\d*[/\\].*vigil[^/\\]*\.log$/i.test(f));
  let activated = false;
  const errors: string[] = [];
  for (const f of hostLogs) {
    const lines = readFileSync(f, 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      if (line.includes(extensionId) && /activat/i.test(line)) activated = true;
      // An error entry runs until the next timestamped line (its stack trace); all of it decides whether Vigil is involved.
      if (/\[error\]/i.test(line)) {
        let end = i + 1;
        while (end < lines.length && !/^\d{4}-\d\d-\d\d /.test(lines[end])) end++; // the stack trace lines
        const around = lines.slice(i, end).join('\n');
        // "Vigil" (the extension's name) or its id; not the lowercase vigil-e2e cache and temp paths.
        if (/\bVigil\b/.test(around) || around.includes(extensionId)) errors.push(`${f}:${i + 1}: ${around}`);
      }
    }
  }
  for (const f of vigilLogs) {
    for (const [i, line] of readFileSync(f, 'utf8').split('\n').entries()) {
      if (/\[error\]/i.test(line)) errors.push(`${f}:${i + 1}: ${line}`);
    }
  }
  return { files: [...hostLogs, ...vigilLogs], activated, errors };
}
