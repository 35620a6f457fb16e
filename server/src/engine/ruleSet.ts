// A ready-to-scan set of compiled rules: packs merged by precedence, overrides applied, filtered per file.
import type { Confidence, Problem, Severity, HelpDestination } from './types';
import { atLeastConfidence } from './types';
import type { CompiledRule } from './compile';
import type { LoadedPack } from './packLoader';
import { Minimatch } from 'minimatch';
import type { QueryBank } from './queryBank';

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
  /** When two packs define one rule id, the pack whose source (path, npm:<name>, URL) is named here wins (default: the later pack). */
  conflicts?: Record<string, string>;
}

/**
 * Whether a `conflicts:` value names this pack. Packs that define the same rule id share a pack id, so the value names
 * a source: a path (as written in config; matched against the pack's files), `npm:<name>`, or a URL.
 */
function namedBy(pack: LoadedPack, name: string): boolean {
  if (pack.source === name || pack.source.startsWith(name + '@')) return true;
  const n = name.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (!n) return false;
  return pack.files.some((f) => {
    const g = f.replace(/\\/g, '/');
    return g === n || g.endsWith('/' + n) || g.startsWith(n + '/') || g.includes('/' + n + '/');
  });
}

export class RuleSet {
  readonly rules: CompiledRule[];
  private readonly index = new Map<string, CompiledRule>();
  private readonly perLanguage = new Map<string, CompiledRule[]>();

  constructor(
    rules: CompiledRule[],
    readonly packs: PackInfo[],
    private readonly banks: QueryBank[] = [],
  ) {
    this.rules = rules;
    for (const r of rules) this.index.set(r.id, r);
  }

  /** Query compile errors met so far (queries compile lazily, per grammar, on first use). */
  queryProblems(): Problem[] {
    return this.banks.flatMap((b) => b.problems);
  }

  /** Compiles every query for every grammar now, and returns all query errors (for pack authors and tests). */
  compileAllQueries(): Problem[] {
    return this.banks.flatMap((b) => b.compileAll());
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
        const winner = preferred !== undefined && namedBy(prev.pack, preferred) && !namedBy(pack, preferred) ? prev : { rule, pack };
        const unmatched = preferred !== undefined && !namedBy(prev.pack, preferred) && !namedBy(pack, preferred);
        problems.push({
          file: pack.files[0] ?? pack.source,
          message: `rule ${rule.id} is defined by packs ${prev.pack.manifest.id} (${prev.pack.source}) and ${pack.manifest.id} (${pack.source}); using the one from ${winner.pack.source}${
            unmatched ? ` (conflicts: names "${preferred}", which is neither source)` : preferred ? '' : ` (to choose, set conflicts: { ${rule.id}: <pack path, npm:<name> or URL> } in .vigil/config.yaml)`
          }`,
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
  return { ruleSet: new RuleSet(rules, infos, packs.map((p) => p.bank)), problems };
}
