// Rule sets per workspace folder: `.vigil/config.yaml` merged with the user's settings, loaded like the CLI does.
//
// Layering, lowest first: the server's defaults, the workspace config file, then the values the
// user set explicitly in VS Code. List settings (packs, exclude) are added to the file's lists and
// overrides are merged per rule, so a user can add to the team's bar but the file still applies.
import { loadRuleSet, loadWorkspaceConfig, type PackInfo, type RuleSet, type VigilConfig } from '../engine';
import type { Problem } from '../engine/types';
import { DEFAULT_SETTINGS, type ExplicitSettings, type VigilSettings } from './settings';

export interface LoadedRules {
  root?: string;
  ruleSet: RuleSet;
  packs: PackInfo[];
  /** Pack, config and rule-set problems, each once. */
  problems: Problem[];
  /** The merged config handed to loadRuleSet. */
  config: VigilConfig;
  /** Settings with the config file and defaults applied: what the scans use. */
  settings: VigilSettings;
}

/**
 * Merges the workspace config file with explicit settings into one config, the way the CLI merges
 * its flags. Extra pack paths (vigil.packs) are not merged here: like the CLI's --rules they go to
 * loadRuleSet's `extraPacks`, after the config's packs.
 */
export function mergeConfig(file: VigilConfig, s: ExplicitSettings): VigilConfig {
  const overrides = { ...(file.overrides ?? {}) };
  for (const [id, o] of Object.entries(s.overrides ?? {})) overrides[id] = { ...(overrides[id] ?? {}), ...o };
  return {
    ...file,
    exclude: [...(file.exclude ?? []), ...(s.exclude ?? [])],
    overrides,
    minSeverity: s.minSeverity ?? file.minSeverity,
    minConfidence: s.minConfidence ?? file.minConfidence,
    maxFileSize: s.maxFileSize ?? file.maxFileSize,
  };
}

export function effectiveSettings(config: VigilConfig, s: ExplicitSettings): VigilSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...s,
    minSeverity: config.minSeverity ?? DEFAULT_SETTINGS.minSeverity,
    minConfidence: config.minConfidence ?? DEFAULT_SETTINGS.minConfidence,
    maxFileSize: config.maxFileSize ?? DEFAULT_SETTINGS.maxFileSize,
    exclude: config.exclude ?? [],
    packs: s.packs ?? [],
    overrides: (config.overrides ?? {}) as VigilSettings['overrides'],
  };
}

function problemKey(p: Problem): string {
  return `${p.file}:${p.line ?? ''}:${p.column ?? ''}:${p.message}`;
}

export function uniqueProblems(list: Problem[]): Problem[] {
  const seen = new Map<string, Problem>();
  for (const p of list) if (!seen.has(problemKey(p))) seen.set(problemKey(p), p);
  return [...seen.values()];
}

/** Caches one loaded rule set per (folder, settings that change the rules); cleared on reload or settings change. */
export class WorkspaceRules {
  private readonly cache = new Map<string, LoadedRules>();
  private generation = 0;

  constructor(
    private readonly builtinDir?: string,
    /** Called after a rule set was (re)loaded from disk, e.g. to send the status. */
    private readonly onLoaded?: (rules: LoadedRules) => void,
  ) {}

  get(root: string | undefined, s: ExplicitSettings): LoadedRules {
    const key = JSON.stringify([root ?? '', s.packs ?? [], s.overrides ?? {}, s.exclude ?? [], s.minSeverity, s.minConfidence, s.maxFileSize]);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const file = root ? loadWorkspaceConfig(root) : { config: {}, problems: [] };
    const config = mergeConfig(file.config, s);
    const loaded = loadRuleSet({ builtinDir: this.builtinDir, workspaceRoot: root, config, extraPacks: s.packs ?? [] });
    const packErrors = loaded.packs.flatMap((p) => p.errors);
    const rules: LoadedRules = {
      root,
      ruleSet: loaded.ruleSet,
      packs: loaded.packs,
      problems: uniqueProblems([...file.problems, ...loaded.problems, ...packErrors]),
      config,
      settings: effectiveSettings(config, s),
    };
    this.cache.set(key, rules);
    this.onLoaded?.(rules);
    return rules;
  }

  /** Every rule set loaded so far (for status and the packs view). */
  loaded(): LoadedRules[] {
    return [...this.cache.values()];
  }

  clear(): void {
    this.cache.clear();
    this.generation++;
  }

  /** Changes whenever the cache is cleared, so stored results can tell they came from old rules. */
  get version(): number {
    return this.generation;
  }
}
