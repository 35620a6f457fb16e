// Content digests for the pack lock: a file's sha256, or a folder's digest over its sorted file names and contents.
import * as fs from 'fs';
import * as path from 'path';
import { sha256Hex } from './cache';

const MAX_FILES = 5000;

/**
 * sha256 of a file, or for a folder the sha256 of "<relative path>\0<file sha256>\n" lines in sorted order, so any
 * added, removed, renamed or edited file changes it. node_modules and .git are skipped; symlinks are not followed.
 */
export function contentDigest(p: string): { sha256: string } | { error: string } {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return { error: `${p} does not exist` };
  }
  if (st.isFile()) return { sha256: sha256Hex(fs.readFileSync(p)) };
  const lines: string[] = [];
  const walk = (dir: string): string | undefined => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name === '.git') continue;
        const bad = walk(full);
        if (bad) return bad;
      } else if (e.isFile()) {
        if (lines.length >= MAX_FILES) return `${p} holds more than ${MAX_FILES} files`;
        lines.push(`${path.relative(p, full).split(path.sep).join('/')}\0${sha256Hex(fs.readFileSync(full))}\n`);
      }
    }
    return undefined;
  };
  const bad = walk(p);
  if (bad) return { error: bad };
  lines.sort();
  return { sha256: sha256Hex(lines.join('')) };
}
