// Turns validated rule data into compiled rules: safe regexes, per-grammar tree-sitter queries, glob matchers.
import { Minimatch } from 'minimatch';
import type { CaptureCondition, ConfigPattern, Pattern, Rule, Scope } from './types';
import { compileSafeRegex } from './regexSafety';
import { expandLanguages, languageById, LANGUAGES } from './languages';
import { grammarFor, type Query } from './grammars';

export interface CompiledCondition extends CaptureCondition {
  re?: RegExp;
  notRe?: RegExp;
}

export interface CompiledPattern {
  kind: 'regex' | 'query' | 'config';
  regex?: RegExp;
  scope: Scope;
  report?: string;
  /** Compiled query per grammar name. */
  queries?: Map<string, Query>;
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

function compilePattern(p: Pattern, rule: Rule, path: Array<string | number>, errors: CompileError[]): CompiledPattern | undefined {
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
      compileRegexOrError(JSON.parse(`"${m[1]}"`), '', [...path, 'query'], errors, '');
    }
    const queries = new Map<string, Query>();
    const langs = rule.languages.includes('*') ? LANGUAGES.map((l) => l.id) : [...expandLanguages(rule.languages)];
    for (const id of langs) {
      const grammar = languageById(id)?.grammar;
      const lang = grammarFor(id);
      if (!grammar || !lang || queries.has(grammar)) continue;
      try {
        queries.set(grammar, lang.query(p.query));
      } catch (e) {
        errors.push({ path: [...path, 'query'], message: `tree-sitter query does not compile for ${id}: ${(e as Error).message}` });
        return undefined;
      }
    }
    if (queries.size === 0) {
      errors.push({ path: [...path, 'query'], message: `no tree-sitter grammar for languages ${rule.languages.join(', ')}` });
      return undefined;
    }
    return { kind: 'query', queries, scope: 'code', where };
  }
  if (p.config !== undefined) {
    const cfg = p.config;
    for (const k of ['regex', 'not-regex'] as const) {
      if (cfg[k] !== undefined) compileRegexOrError(cfg[k]!, '', [...path, 'config', k], errors, '');
    }
    return { kind: 'config', config: cfg, scope: 'any', where };
  }
  errors.push({ path, message: 'a pattern needs one of "regex", "query" or "config"' });
  return undefined;
}

function compileList(list: Pattern[] | undefined, rule: Rule, key: string, errors: CompileError[]): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  (list ?? []).forEach((p, i) => {
    const c = compilePattern(p, rule, [key, i], errors);
    if (c) out.push(c);
  });
  return out;
}

export function compileRule(rule: Rule): { rule?: CompiledRule; errors: CompileError[] } {
  const errors: CompileError[] = [];
  const c = {
    patterns: compileList(rule.patterns, rule, 'patterns', errors),
    not: compileList(rule.not, rule, 'not', errors),
    inside: compileList(rule.inside, rule, 'inside', errors),
    notInside: compileList(rule['not-inside'], rule, 'not-inside', errors),
    sameLine: compileList(rule['same-line'], rule, 'same-line', errors),
    notSameLine: compileList(rule['not-same-line'], rule, 'not-same-line', errors),
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
