// Scans one text with a rule set: prefilter by anchors, run matchers, apply conditions, suppressions and fingerprints.
import { createHash } from 'crypto';
import type { Finding, Problem, ScanOptions, ScanResult, Severity } from './types';
import { confidenceRank, severityRank } from './types';
import { languageById, LANGUAGES } from './languages';
import { TextIndex } from './textIndex';
import { findRegions, type Region } from './regions';
import { parse, type ParsedDocument, type Tree } from './grammars';
import type { CompiledPattern, CompiledRule } from './compile';
import type { RuleSet } from './ruleSet';
import type { FileContext, Match } from './matchers/match';
import { matchRegex } from './matchers/regexMatcher';
import { matchQuery } from './matchers/structuralMatcher';
import { matchConfig } from './matchers/configMatcher';
import { parseConfig, type ConfigNode } from './matchers/configDoc';
import type { QueryBank, RawQueryMatch } from './queryBank';
import { findSuppressions, suppressionFor } from './suppressions';
import { fixEdits } from './fixes';
import { SUPPRESSION_RULES } from './builtinRules';

const PLAIN = LANGUAGES.find((l) => l.id === 'plaintext')!;

export interface ScanInput extends ScanOptions {
  /** A document kept by the editor, so its syntax tree is re-parsed incrementally. */
  document?: ParsedDocument;
}

/**
 * `active`: for each query bank, the entries the rules being run need; a bank runs only those patterns. Omitted: every
 * entry runs.
 */
export function createContext(text: string, languageId: string, document?: ParsedDocument, active?: Map<QueryBank, Set<number>>): FileContext {
  const lang = languageById(languageId) ?? PLAIN;
  const index = new TextIndex(text);
  let regions: Region[] | undefined;
  let tree: Tree | undefined | null = null;
  let docs: ConfigNode[] | undefined;
  const banks = new Map<QueryBank, Map<number, RawQueryMatch[]>>();
  return {
    text,
    index,
    languageId,
    lang,
    regions: () => (regions ??= findRegions(text, lang)),
    tree: () => {
      if (tree === null) tree = document ? document.treeFor(text) : parse(languageId, text);
      return tree;
    },
    configDocs: () => (docs ??= parseConfig(languageId, text)),
    queryMatches(bank: QueryBank) {
      let m = banks.get(bank);
      if (!m) {
        const t = this.tree();
        m = t ? bank.run(t.rootNode, languageId, active ? active.get(bank) ?? new Set() : undefined, text) : new Map();
        banks.set(bank, m);
      }
      return m;
    },
    constants: new Map(),
  };
}

function runPattern(p: CompiledPattern, ctx: FileContext): Match[] {
  if (p.kind === 'regex') return matchRegex(p, ctx);
  if (p.kind === 'query') return matchQuery(p, ctx);
  return matchConfig(p, ctx);
}

function runAll(list: CompiledPattern[], ctx: FileContext): Match[] {
  const out: Match[] = [];
  for (const p of list) out.push(...runPattern(p, ctx));
  return out;
}

const overlaps = (a: Match, b: Match) => (a.start < b.end && b.start < a.end) || (a.start === b.start && a.end === b.end);
const contains = (outer: Match, inner: Match) => outer.start <= inner.start && inner.end <= outer.end;

/** Applies the rule's conditions to its raw matches. Condition patterns run lazily, once, only when needed. */
function applyConditions(rule: CompiledRule, matches: Match[], ctx: FileContext): Match[] {
  const c = rule.c;
  let out = matches;
  if (c.not.length && out.length) {
    const neg = runAll(c.not, ctx);
    out = out.filter((m) => !neg.some((n) => overlaps(m, n)));
  }
  if (c.inside.length && out.length) {
    const ins = runAll(c.inside, ctx);
    out = out.filter((m) => ins.some((n) => contains(n, m)));
  }
  if (c.notInside.length && out.length) {
    const ins = runAll(c.notInside, ctx);
    out = out.filter((m) => !ins.some((n) => contains(n, m)));
  }
  const onLine = (m: Match, list: Match[]) => {
    const line = ctx.index.lineAt(m.start);
    return list.some((n) => ctx.index.lineAt(n.start) <= line && line <= ctx.index.lineAt(Math.max(n.start, n.end - 1)));
  };
  if (c.sameLine.length && out.length) {
    const same = runAll(c.sameLine, ctx);
    out = out.filter((m) => onLine(m, same));
  }
  if (c.notSameLine.length && out.length) {
    const same = runAll(c.notSameLine, ctx);
    out = out.filter((m) => !onLine(m, same));
  }
  return out;
}

function hasAnchor(rule: CompiledRule, text: string): boolean {
  return !rule.anchors?.length || rule.anchors.some((a) => text.includes(a));
}

/** The query entries, per bank, of the rules that will run: a pack's combined query runs only these patterns. */
function activeQueries(rules: CompiledRule[]): Map<QueryBank, Set<number>> {
  const out = new Map<QueryBank, Set<number>>();
  for (const r of rules) {
    for (const list of [r.c.patterns, r.c.not, r.c.inside, r.c.notInside, r.c.sameLine, r.c.notSameLine]) {
      for (const p of list) {
        if (p.kind !== 'query' || !p.bank || p.queryId === undefined) continue;
        let set = out.get(p.bank);
        if (!set) out.set(p.bank, (set = new Set()));
        set.add(p.queryId);
      }
    }
  }
  return out;
}

/** Keeps one finding per problem: for the same span and an overlapping CWE, the more confident/severe rule wins. */
function dedupe(findings: Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) => confidenceRank(a.confidence) - confidenceRank(b.confidence) || severityRank(a.severity) - severityRank(b.severity) || b.ruleId.length - a.ruleId.length,
  );
  const kept: Finding[] = [];
  for (const f of sorted) {
    const dup = kept.some(
      (k) =>
        k.range.start.line === f.range.start.line &&
        k.range.start.character === f.range.start.character &&
        k.range.end.line === f.range.end.line &&
        k.range.end.character === f.range.end.character &&
        (k.ruleId === f.ruleId || k.cwe.some((c) => f.cwe.includes(c))),
    );
    if (!dup) kept.push(f);
  }
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}

function fingerprintAll(findings: Finding[], ctx: FileContext): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const lineText = ctx.index.lineText(f.range.start.line).trim().replace(/\s+/g, ' ');
    const key = `${f.ruleId}\0${lineText}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    f.fingerprint = createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32);
  }
}

function todayString(): string {
  return new Date().toISOString().slice(0, 10);
}

export function scan(text: string, languageId: string, ruleSet: RuleSet, options: ScanInput = {}): ScanResult {
  const started = Date.now();
  const rules = ruleSet.rulesFor(languageId, options.path).filter((r) => hasAnchor(r, text));
  const ctx = createContext(text, languageId, options.document, activeQueries(rules));
  const problems: Problem[] = [];
  const findings: Finding[] = [];
  // No budget by default: a CI gate must give the same answer on a slow machine. The editor sets one.
  const budget = options.budgetMs ?? Infinity;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (Date.now() - started > budget) {
      problems.push({
        file: options.path ?? '',
        message: `scan stopped after ${budget} ms; ${rules.length - i} rule(s) not run (${rules.slice(i, i + 3).map((r) => r.id).join(', ')}${rules.length - i > 3 ? ', …' : ''})`,
        severity: 'warning',
      });
      break;
    }
    const matches = applyConditions(rule, runAll(rule.c.patterns, ctx), ctx);
    const seen = new Set<string>();
    for (const m of matches) {
      const key = `${m.start}:${m.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const edits = rule.fix ? fixEdits(rule.fix, m, ctx.index) : undefined;
      findings.push({
        ruleId: rule.id,
        title: rule.title,
        message: rule.message,
        severity: rule.severity,
        confidence: rule.confidence,
        range: ctx.index.rangeOf(m.start, m.end),
        cwe: rule.cwe,
        owasp: rule.owasp,
        helpUri: rule.helpUri,
        fix: edits && rule.fix ? { title: rule.fix.title ?? `Fix: ${rule.title}`, edits } : undefined,
        fingerprint: '',
      });
    }
  }
  let result = dedupe(findings);
  const today = options.today ?? todayString();
  const sups = findSuppressions(text, ctx.index, ctx.regions, today);
  const requireReason = options.requireReason !== false;
  for (const f of result) {
    const s = suppressionFor(sups, f.ruleId, f.range.start.line);
    if (!s || s.expired || (requireReason && !s.reason)) continue;
    f.suppression = { reason: s.reason ?? '', until: s.until, line: s.line };
  }
  for (const s of sups) {
    const problem = s.expired ? SUPPRESSION_RULES.expired : requireReason && !s.reason ? SUPPRESSION_RULES.noReason : undefined;
    if (!problem) continue;
    const lineText = ctx.index.lineText(s.line);
    const col = lineText.indexOf('vigil-ignore');
    result.push({
      ruleId: problem.id,
      title: problem.title,
      message: s.expired ? `${problem.message} (expired ${s.until})` : problem.message,
      severity: problem.severity as Severity,
      confidence: 'high',
      range: { start: { line: s.line, character: Math.max(col, 0) }, end: { line: s.line, character: lineText.length } },
      cwe: [...problem.cwe],
      owasp: [...problem.owasp],
      fingerprint: '',
    });
  }
  if (options.onlyLines) {
    const only = options.onlyLines;
    result = result.filter((f) => {
      for (let l = f.range.start.line; l <= f.range.end.line; l++) if (only.has(l)) return true;
      return false;
    });
  }
  result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  fingerprintAll(result, ctx);
  return { findings: result, problems };
}
