// A ready-to-scan set of compiled rules: packs merged by precedence, overrides applied, filtered per file.
import type { Confidence, Problem, Severity, HelpDestination } from './types';
import { atLeastConfidence } from './types';
import type { CompiledRule } from './compile';
import type { LoadedPack } from './packLoader';
import { Minimatch } from 'minimatch';

export interface PackInfo {
  id: string;
  version: string;
  description: string;
  source: string;
  ruleCount: number;
  help?: HelpDestination;
  /** Set by pack sources that check integrity (hash pin, signature). */
  verification?: string;
  errors: Problem[];
}

export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
  exclude?: string[];
}

export interface RuleSetOptions {
  overrides?: Record<string, RuleOverride>;
  disabledPacks?: string[];
  minConfidence?: Confidence;
  /** When two packs define one rule id, the pack id named here wins (default: the later pack). */
  conflicts?: Record<string, string>;
}

export class RuleSet {
  readonly rules: CompiledRule[];
  private readonly index = new Map<string, CompiledRule>();
  private readonly perLanguage = new Map<string, CompiledRule[]>();

  constructor(
    rules: CompiledRule[],
    readonly packs: PackInfo[],
  ) {
    this.rules = rules;
    for (const r of rules) this.index.set(r.id, r);
  }

  byId(id: string): CompiledRule | undefined {
    return this.index.get(id);
  }

  /** Rules that apply to a file of `languageId` at workspace-relative `path` (globs checked when a path is given). */
  rulesFor(languageId: string, path?: string): CompiledRule[] {
    let list = this.perLanguage.get(languageId);
    if (!list) {
      list = this.rules.filter((r) => r.allLanguages || r.languageSet.has(languageId));
      this.perLanguage.set(languageId, list);
    }
    if (!path) return list;
    const p = path.replace(/\\/g, '/');
    return list.filter((r) => (r.includeGlobs.length === 0 || r.includeGlobs.some((g) => g.match(p))) && !r.excludeGlobs.some((g) => g.match(p)));
  }
}

/**
 * Merges packs in precedence order (earlier = lower), applies overrides, and reports conflicts: the same rule id from
 * two packs is a warning naming both, and the later pack (or the one `conflicts` names) wins.
 */
export function buildRuleSet(packs: LoadedPack[], opts: RuleSetOptions = {}): { ruleSet: RuleSet; problems: Problem[] } {
  const problems: Problem[] = [];
  const chosen = new Map<string, { rule: CompiledRule; pack: LoadedPack }>();
  const disabled = new Set(opts.disabledPacks ?? []);
  for (const pack of packs) {
    if (disabled.has(pack.manifest.id)) continue;
    for (const rule of pack.rules) {
      const prev = chosen.get(rule.id);
      if (prev && prev.pack !== pack) {
        const preferred = opts.conflicts?.[rule.id];
        const winner = preferred === prev.pack.manifest.id ? prev : { rule, pack };
        problems.push({
          file: pack.files[0] ?? pack.source,
          message: `rule ${rule.id} is defined by packs ${prev.pack.manifest.id} (${prev.pack.source}) and ${pack.manifest.id} (${pack.source}); using ${winner.pack.manifest.id}${preferred ? '' : ' (set conflicts: in .vigil/config.yaml to choose)'}`,
          severity: 'warning',
        });
        chosen.set(rule.id, winner);
      } else chosen.set(rule.id, { rule, pack });
    }
  }
  const rules: CompiledRule[] = [];
  for (const { rule } of chosen.values()) {
    const o = opts.overrides?.[rule.id];
    if (o?.enabled === false) continue;
    if (opts.minConfidence && !atLeastConfidence(rule.confidence, opts.minConfidence)) continue;
    let r = rule;
    if (o?.severity || o?.exclude) {
      r = { ...rule, severity: o.severity ?? rule.severity, excludeGlobs: [...rule.excludeGlobs, ...(o.exclude ?? []).map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes('/') }))] };
    }
    rules.push(r);
  }
  for (const id of Object.keys(opts.overrides ?? {})) {
    if (!chosen.has(id)) problems.push({ file: '.vigil/config.yaml', message: `override names unknown rule "${id}"`, severity: 'warning' });
  }
  const infos: PackInfo[] = packs.map((p) => ({
    id: p.manifest.id,
    version: p.manifest.version,
    description: p.manifest.description,
    source: p.source,
    ruleCount: p.rules.length,
    help: p.manifest.help,
    errors: p.problems,
  }));
  return { ruleSet: new RuleSet(rules, infos), problems };
}
