// Turns validated rule data into compiled rules: safe regexes, per-grammar tree-sitter queries, glob matchers.
import { Minimatch } from 'minimatch';
import type { CaptureCondition, ConfigPattern, Pattern, Rule, Scope } from './types';
import { compileSafeRegex } from './regexSafety';
import { expandLanguages, languageById, LANGUAGES } from './languages';

/** Where compiled queries go, and how to turn a path inside the rule into a file position for errors. */
export interface CompileContext {
  bank: QueryBank;
  file: string;
  locate(path: Array<string | number>): { line: number; column: number };
}
import type { QueryBank } from './queryBank';

export interface CompiledCondition extends CaptureCondition {
  re?: RegExp;
  notRe?: RegExp;
}

export interface CompiledPattern {
  kind: 'regex' | 'query' | 'config';
  regex?: RegExp;
  scope: Scope;
  report?: string;
  /** The pack's combined-query bank and this query's entry in it. */
  bank?: QueryBank;
  queryId?: number;
  config?: ConfigPattern;
  where: CompiledCondition[];
}

export interface CompiledRule extends Rule {
  allLanguages: boolean;
  languageSet: Set<string>;
  includeGlobs: Minimatch[];
  excludeGlobs: Minimatch[];
  c: {
    patterns: CompiledPattern[];
    not: CompiledPattern[];
    inside: CompiledPattern[];
    notInside: CompiledPattern[];
    sameLine: CompiledPattern[];
    notSameLine: CompiledPattern[];
  };
}

/** A compile error, with the JSON path inside the rule where it happened (for file:line mapping). */
export interface CompileError {
  path: Array<string | number>;
  message: string;
}

const MATCH_PREDICATE = /#(?:not-)?match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"/g;

function compileRegexOrError(src: string, flags: string | undefined, path: Array<string | number>, errors: CompileError[], extra = 'g'): RegExp | undefined {
  const r = compileSafeRegex(src, flags ?? '', extra);
  if ('error' in r) {
    errors.push({ path, message: r.error });
    return undefined;
  }
  return r.regex;
}

function compilePattern(p: Pattern, rule: Rule, path: Array<string | number>, errors: CompileError[], cc: CompileContext): CompiledPattern | undefined {
  const where: CompiledCondition[] = [];
  (p.where ?? []).forEach((w, i) => {
    const c: CompiledCondition = { ...w };
    if (w.regex !== undefined) c.re = compileRegexOrError(w.regex, '', [...path, 'where', i, 'regex'], errors, '');
    if (w['not-regex'] !== undefined) c.notRe = compileRegexOrError(w['not-regex'], '', [...path, 'where', i, 'not-regex'], errors, '');
    where.push(c);
  });
  if (p.regex !== undefined) {
    const regex = compileRegexOrError(p.regex, p.flags, [...path, 'regex'], errors);
    if (!regex) return undefined;
    if (p.report && !new RegExp(`\\(\\?<${p.report}>`).test(p.regex)) {
      errors.push({ path: [...path, 'report'], message: `report names group "${p.report}", which the regex does not define` });
      return undefined;
    }
    return { kind: 'regex', regex, scope: p.scope ?? 'code', report: p.report, where };
  }
  if (p.query !== undefined) {
    for (const m of p.query.matchAll(MATCH_PREDICATE)) {
      // Tree-sitter unescapes query strings itself and turns an unknown escape such as \d into a plain "d", so the regex
      // would silently differ from what the author wrote: refuse it with the spelling that works.
      const bad = /(?:^|[^\\])(?:\\\\)*\\([^"\\/nrt])/.exec(m[1]);
      if (bad) {
        errors.push({ path: [...path, 'query'], message: `a #match? string contains "\\${bad[1]}", which tree-sitter reads as "${bad[1]}"; write "\\\\${bad[1]}" for the regex escape` });
        continue;
      }
      compileRegexOrError(JSON.parse(`"${m[1]}"`), '', [...path, 'query'], errors, '');
    }
    const langs = rule.languages.includes('*') ? LANGUAGES.map((l) => l.id) : [...expandLanguages(rule.languages)];
    if (!langs.some((id) => languageById(id)?.grammar)) {
      errors.push({ path: [...path, 'query'], message: `no tree-sitter grammar for languages ${rule.languages.join(', ')}` });
      return undefined;
    }
    // Queries compile lazily, per grammar, when a file of that grammar is first scanned (see queryBank.ts).
    const where0 = cc.locate([...path, 'query']);
    const queryId = cc.bank.add(p.query, langs, { file: cc.file, line: where0.line, column: where0.column, ruleId: rule.id });
    return { kind: 'query', bank: cc.bank, queryId, scope: 'code', where };
  }
  if (p.config !== undefined) {
    const cfg = p.config;
    // Nested `when`/`has` conditions carry regexes too; every one is checked for linear-time safety at load.
    const checkConfig = (c: ConfigPattern, at: Array<string | number>): void => {
      for (const k of ['regex', 'not-regex'] as const) {
        if (c[k] !== undefined) compileRegexOrError(c[k]!, '', [...at, k], errors, '');
      }
      for (const k of ['when', 'has'] as const) c[k]?.forEach((sub, i) => checkConfig(sub, [...at, k, i]));
    };
    checkConfig(cfg, [...path, 'config']);
    return { kind: 'config', config: cfg, scope: 'any', where };
  }
  errors.push({ path, message: 'a pattern needs one of "regex", "query" or "config"' });
  return undefined;
}

function compileList(list: Pattern[] | undefined, rule: Rule, key: string, errors: CompileError[], cc: CompileContext): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  (list ?? []).forEach((p, i) => {
    const c = compilePattern(p, rule, [key, i], errors, cc);
    if (c) out.push(c);
  });
  return out;
}

export function compileRule(rule: Rule, cc: CompileContext): { rule?: CompiledRule; errors: CompileError[] } {
  const errors: CompileError[] = [];
  const c = {
    patterns: compileList(rule.patterns, rule, 'patterns', errors, cc),
    not: compileList(rule.not, rule, 'not', errors, cc),
    inside: compileList(rule.inside, rule, 'inside', errors, cc),
    notInside: compileList(rule['not-inside'], rule, 'not-inside', errors, cc),
    sameLine: compileList(rule['same-line'], rule, 'same-line', errors, cc),
    notSameLine: compileList(rule['not-same-line'], rule, 'not-same-line', errors, cc),
  };
  for (const [i, l] of rule.languages.entries()) {
    if (l !== '*' && !languageById(l)) errors.push({ path: ['languages', i], message: `unknown language "${l}"` });
  }
  if (errors.length) return { errors };
  const glob = (g: string) => new Minimatch(g, { dot: true, matchBase: !g.includes('/') });
  return {
    errors,
    rule: {
      ...rule,
      allLanguages: rule.languages.includes('*'),
      languageSet: expandLanguages(rule.languages),
      includeGlobs: (rule.include ?? []).map(glob),
      excludeGlobs: (rule.exclude ?? []).map(glob),
      c,
    },
  };
}
