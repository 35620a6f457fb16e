// Checks annotated fixtures (ruleid:/ok: comments, .fixed files) against what the engine reports, like a rule tester.
import type { Finding } from './types';
import type { RuleSet } from './ruleSet';
import { scan } from './scan';
import { applyEdits } from './fixes';
import { parse } from './grammars';

export interface FixtureFailure {
  file: string;
  /** 1-based line of the code line the expectation is about. */
  line: number;
  ruleId: string;
  kind: 'expected' | 'unexpected' | 'fix' | 'parse' | 'coverage';
  message: string;
}

export interface FixtureResult {
  passed: number;
  failures: FixtureFailure[];
  /** Rule ids that had a ruleid: / ok: annotation in this file. */
  ruleidSeen: Set<string>;
  okSeen: Set<string>;
}

const ANNOTATION = /(?:^|[\s/#*;<!-]|^)(todoruleid|todook|ruleid|ok):\s*([\w./-]+(?:\s*,\s*[\w./-]+)*)/;
const COMMENT_START = /^\s*(\/\/|#|\/\*|\*|<!--|--|;|%|')/;

interface Expectation {
  /** `todo`: a known gap (todoruleid:/todook:) — that line is not checked either way. */
  kind: 'ruleid' | 'ok' | 'todo';
  ruleId: string;
  /** 0-based target line. */
  line: number;
}

export function parseAnnotations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let pending: Array<{ kind: string; ids: string[] }> = [];
  lines.forEach((line, i) => {
    const m = COMMENT_START.test(line) ? ANNOTATION.exec(line) : null;
    if (m) {
      pending.push({ kind: m[1], ids: m[2].split(',').map((s) => s.trim()).filter(Boolean) });
      return;
    }
    if (pending.length && line.trim() !== '') {
      for (const p of pending) {
        const kind = p.kind === 'ruleid' || p.kind === 'ok' ? p.kind : 'todo';
        for (const id of p.ids) out.push({ kind, ruleId: id, line: i });
      }
      pending = [];
    }
  });
  return out;
}

/**
 * Checks one fixture. `ruleIds` are the rules under test: findings of other rules are ignored. `fixed` is the expected
 * text after applying every fix, when a .fixed file exists.
 */
export function checkFixture(file: string, text: string, languageId: string, ruleSet: RuleSet, ruleIds: Set<string>, relPath: string, fixed?: string): FixtureResult {
  const failures: FixtureFailure[] = [];
  let passed = 0;
  const { findings } = scan(scannableText(text, languageId), languageId, ruleSet, { path: relPath, today: '2026-01-01' });
  const relevant = findings.filter((f) => ruleIds.has(f.ruleId) && !f.suppression);
  const at = new Map<string, Finding[]>();
  for (const f of relevant) {
    const k = `${f.ruleId}@${f.range.start.line}`;
    at.set(k, [...(at.get(k) ?? []), f]);
  }
  const expectations = parseAnnotations(text);
  const ruleidSeen = new Set<string>();
  const okSeen = new Set<string>();
  const expected = new Set<string>();
  for (const e of expectations) {
    if (!ruleIds.has(e.ruleId)) continue;
    const k = `${e.ruleId}@${e.line}`;
    if (e.kind === 'todo') continue;
    if (e.kind === 'ruleid') {
      ruleidSeen.add(e.ruleId);
      expected.add(k);
      if (at.has(k)) passed++;
      else failures.push({ file, line: e.line + 1, ruleId: e.ruleId, kind: 'expected', message: `expected ${e.ruleId} here, got nothing` });
    } else {
      okSeen.add(e.ruleId);
      if (!at.has(k)) passed++;
      else failures.push({ file, line: e.line + 1, ruleId: e.ruleId, kind: 'unexpected', message: `${e.ruleId} reported on an ok: line` });
    }
  }
  for (const [k, fs] of at) {
    if (expected.has(k)) continue;
    const f = fs[0];
    if (expectations.some((e) => (e.kind === 'ok' || e.kind === 'todo') && `${e.ruleId}@${e.line}` === k)) continue;
    failures.push({ file, line: f.range.start.line + 1, ruleId: f.ruleId, kind: 'unexpected', message: `unexpected ${f.ruleId} (no ruleid: annotation)` });
  }
  if (fixed !== undefined) {
    const edits = relevant.flatMap((f) => f.fix?.edits ?? []);
    const result = applyEdits(text, edits);
    if (result.replace(/\r\n/g, '\n') === fixed.replace(/\r\n/g, '\n')) passed++;
    else failures.push({ file, line: firstDiffLine(result, fixed), ruleId: '(fix)', kind: 'fix', message: 'applying the fixes does not give the .fixed file' });
    const before = parse(languageId, text);
    const after = parse(languageId, result);
    if (before && after) {
      if (!before.rootNode.hasError && after.rootNode.hasError) {
        failures.push({ file, line: 1, ruleId: '(fix)', kind: 'parse', message: 'the fixed file no longer parses' });
      } else passed++;
    }
    before?.delete();
    after?.delete();
  }
  return { passed, failures, ruleidSeen, okSeen };
}

/**
 * JSON has no comments, so JSON fixtures carry their annotations on `// ruleid: ...` lines of their own. Those lines are
 * blanked (same length, so offsets and line numbers stay) before scanning, which leaves a valid JSON document.
 */
export function scannableText(text: string, languageId: string): string {
  if (languageId !== 'json') return text;
  return text.replace(/^[ \t]*\/\/[^\r\n]*/gm, (line) => ' '.repeat(line.length));
}

function firstDiffLine(a: string, b: string): number {
  const x = a.split(/\r?\n/);
  const y = b.split(/\r?\n/);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}
