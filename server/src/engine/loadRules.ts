// Assembles the rule set for a workspace: built-in packs, .vigil/rules, configured packs and extra paths, then overrides.
import * as fs from 'fs';
import * as path from 'path';
import type { Problem } from './types';
import type { VigilConfig, PackSource } from './config';
import { ensureSchema, loadPackPath, type LoadedPack } from './packLoader';
import { buildRuleSet, type PackInfo, type RuleSet } from './ruleSet';
import { defaultRulesDir, isDirectory } from './nodeFs';
import { createSourceResolver, type SourcedPack } from './packSources';

export interface LoadRuleSetOptions {
  /** Folder of built-in packs (default: the shipped rules/), or false to skip them. */
  builtinDir?: string | false;
  /** Extra pack paths (CLI --rules, editor setting vigil.packs), loaded after the config's packs. */
  extraPacks?: string[];
  workspaceRoot?: string;
  config?: VigilConfig;
  /** Resolves non-path sources (npm, URL); default: packSources.ts, reading URL packs from the user pack cache. */
  resolveSource?: (src: PackSource, root: string) => { packs: LoadedPack[]; problems: Problem[] };
  /** The pack cache folder URL packs are read from (default: $XDG_CACHE_HOME/vigil/packs or ~/.cache/vigil/packs). */
  packCacheDir?: string;
}

export interface LoadedRuleSet {
  ruleSet: RuleSet;
  packs: PackInfo[];
  problems: Problem[];
}

/** Built-in packs: every sub-folder of the rules folder that holds a pack file. */
export function builtinPackDirs(dir: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((n) => path.join(dir, n)).filter((p) => isDirectory(p) && ['pack.yaml', 'pack.yml', 'pack.json'].some((f) => fs.existsSync(path.join(p, f))));
}

export function loadRuleSet(opts: LoadRuleSetOptions = {}): LoadedRuleSet {
  const rulesDir = opts.builtinDir || defaultRulesDir();
  ensureSchema(rulesDir);
  const config = opts.config ?? {};
  const packs: LoadedPack[] = [];
  const problems: Problem[] = [];
  const add = (r: { packs: LoadedPack[]; problems: Problem[] }) => {
    packs.push(...r.packs);
    problems.push(...r.problems);
  };
  if (opts.builtinDir !== false && config.builtin !== false) {
    for (const d of builtinPackDirs(rulesDir)) add(loadPackPath(d));
  }
  const root = opts.workspaceRoot;
  if (root) {
    const local = path.join(root, '.vigil', 'rules');
    if (isDirectory(local)) add(loadPackPath(local));
  }
  const resolveSource = opts.resolveSource ?? createSourceResolver({ cacheDir: opts.packCacheDir, trust: config.trust });
  for (const src of config.packs ?? []) {
    if (typeof src === 'string' || src.path) {
      const p = typeof src === 'string' ? src : src.path!;
      add(loadPackPath(root ? path.resolve(root, p) : path.resolve(p)));
    } else {
      add(resolveSource(src, root ?? '.'));
    }
  }
  for (const p of opts.extraPacks ?? []) add(loadPackPath(root ? path.resolve(root, p) : path.resolve(p)));
  const built = buildRuleSet(packs, {
    overrides: config.overrides,
    disabledPacks: config.disablePacks,
    minConfidence: config.minConfidence ?? 'medium',
    conflicts: config.conflicts,
  });
  // buildRuleSet lists packs in input order; carry over how each one's integrity was checked.
  built.ruleSet.packs.forEach((info, i) => {
    const v = (packs[i] as SourcedPack | undefined)?.verification;
    if (v) info.verification = v;
  });
  return { ruleSet: built.ruleSet, packs: built.ruleSet.packs, problems: [...problems, ...built.problems] };
}
