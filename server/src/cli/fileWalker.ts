// Collects the files a CLI scan covers: honours .gitignore files and config excludes, skips VCS and dependency folders.
import * as fs from 'fs';
import * as path from 'path';
import ignore, { type Ignore } from 'ignore';
import { Minimatch } from 'minimatch';

const ALWAYS_SKIP = new Set(['.git', 'node_modules', '.hg', '.svn', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache']);

export interface WalkResult {
  files: string[];
  excluded: number;
}

/** Walks `paths` (files or folders) below `root`. Files named explicitly are always included. */
export function collectFiles(paths: string[], root: string, excludes: string[]): WalkResult {
  const ex = excludes.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes('/') }));
  const isExcluded = (rel: string) => ex.some((m) => m.match(rel) || m.match(rel + '/'));
  const files: string[] = [];
  let excluded = 0;
  const walk = (dir: string, ignores: Array<{ base: string; ig: Ignore }>) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const gi = path.join(dir, '.gitignore');
    let scoped = ignores;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        scoped = [...ignores, { base: dir, ig: ignore().add(fs.readFileSync(gi, 'utf8')) }];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory() && ALWAYS_SKIP.has(e.name)) continue;
      const ignored = scoped.some(({ base, ig }) => {
        const r = path.relative(base, full).split(path.sep).join('/');
        return r !== '' && !r.startsWith('..') && ig.ignores(e.isDirectory() ? r + '/' : r);
      });
      if (ignored || isExcluded(rel)) {
        excluded++;
        continue;
      }
      if (e.isDirectory()) walk(full, scoped);
      else if (e.isFile()) files.push(full);
    }
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      continue;
    }
    if (st.isDirectory()) walk(abs, []);
    else files.push(abs);
  }
  return { files, excluded };
}
