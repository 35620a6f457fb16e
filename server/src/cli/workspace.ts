// Finds the workspace root and configuration a CLI run uses, the same way the editor does.
import * as fs from 'fs';
import * as path from 'path';
import { loadWorkspaceConfig, parseConfigText, type Problem, type VigilConfig } from '../engine';

/** The nearest folder at or above `start` that holds .vigil/config.yaml, else undefined. */
export function findRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.vigil', 'config.yaml'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function resolveWorkspace(firstPath: string, cwd: string, configFile?: string): { root: string; config: VigilConfig; problems: Problem[]; configFile?: string } {
  if (configFile) {
    const abs = path.resolve(cwd, configFile);
    if (!fs.existsSync(abs)) return { root: cwd, config: {}, problems: [{ file: configFile, message: 'config file not found', severity: 'error' }] };
    const dir = path.dirname(abs);
    const root = path.basename(dir) === '.vigil' ? path.dirname(dir) : dir;
    const r = parseConfigText(fs.readFileSync(abs, 'utf8'), abs);
    return { root, ...r, configFile: abs };
  }
  let start = path.resolve(cwd, firstPath);
  if (!fs.existsSync(start) || !fs.statSync(start).isDirectory()) start = path.dirname(start);
  // Without a .vigil folder, paths are relative to the current folder, unless the scan is outside it: then to the
  // scanned folder, so include/exclude globs (`**/.github/workflows/*.yml`) never see `../` prefixes.
  const rel = path.relative(cwd, start);
  const root = findRoot(start) ?? (rel.startsWith('..') || path.isAbsolute(rel) ? start : cwd);
  const r = loadWorkspaceConfig(root);
  return { root, ...r, configFile: fs.existsSync(path.join(root, '.vigil', 'config.yaml')) ? path.join(root, '.vigil', 'config.yaml') : undefined };
}
