// Lists the files under a folder (recursively, sorted), for tests that run over every fixture.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
