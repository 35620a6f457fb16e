// Answers `vigil/findingContext` for Ask for Help: the finding under a range and a redacted snippet around it.
import { redact, type RuleSet } from '../engine';
import type { Finding, Range } from '../engine/types';
import type { FindingContextParams, FindingContextResult, FindingSummary } from './protocol';
import type { StoredFindings } from './validator';

const DEFAULT_CONTEXT_LINES = 5;

function intersects(a: Range, b: Range): boolean {
  const le = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

function summary(f: Finding, ruleSet: RuleSet): FindingSummary {
  const rule = ruleSet.byId(f.ruleId);
  const pack = rule?.packId ? ruleSet.packs.find((p) => p.id === rule.packId) : undefined;
  return {
    ruleId: f.ruleId, title: f.title, message: f.message, severity: f.severity, confidence: f.confidence,
    cwe: f.cwe, owasp: f.owasp, helpUri: f.helpUri, fingerprint: f.fingerprint, packId: rule?.packId, help: pack?.help,
  };
}

/**
 * Secrets are redacted over the whole text first, so a multi-line secret that starts above the
 * window is still caught. If redaction changed the number of lines (a multi-line secret became one
 * placeholder), the line window no longer lines up, so the window alone is redacted instead, and
 * every line of it that overlapped a whole-text redaction is replaced too.
 */
export function redactedWindow(text: string, languageId: string, ruleSet: RuleSet, startLine: number, endLine: number)
  : { snippet: string; redactions: Array<{ ruleId: string; line: number }> } {
  const lines = text.split(/\r?\n/);
  const whole = redact(text, ruleSet, languageId);
  const redLines = whole.text.split(/\r?\n/);
  const inWindow = (l: number) => l >= startLine && l <= endLine;
  if (redLines.length === lines.length) {
    return { snippet: redLines.slice(startLine, endLine + 1).join('\n'), redactions: whole.redactions.filter((r) => inWindow(r.line)) };
  }
  const part = redact(lines.slice(startLine, endLine + 1).join('\n'), ruleSet, languageId);
  const out = part.text.split('\n');
  const hits = part.redactions.map((r) => ({ ruleId: r.ruleId, line: r.line + startLine }));
  // A whole-text redaction starting above the window may cover lines the window-only pass missed.
  for (const r of whole.redactions) {
    if (r.line < startLine && !hits.some((h) => h.ruleId === r.ruleId)) {
      return { snippet: out.map(() => `«redacted:${r.ruleId}»`).join('\n'), redactions: [...hits, { ruleId: r.ruleId, line: startLine }] };
    }
  }
  return { snippet: out.join('\n'), redactions: hits };
}

export function findingContext(
  params: FindingContextParams, text: string, languageId: string, ruleSet: RuleSet, stored: StoredFindings | undefined,
): FindingContextResult {
  const n = Math.max(0, Math.min(params.contextLines ?? DEFAULT_CONTEXT_LINES, 200));
  const lastLine = Math.max(0, text.split(/\r?\n/).length - 1);
  const r = params.range;
  const empty = !r || (r.start.line === r.end.line && r.start.character === r.end.character);
  const finding = r ? stored?.findings.find((f) => intersects(f.range, r)) : undefined;
  let from: number;
  let to: number;
  if (finding) {
    from = finding.range.start.line - n;
    to = finding.range.end.line + n;
  } else if (r && !empty) {
    from = r.start.line - n;
    to = r.end.line + n;
  } else {
    from = 0;
    to = lastLine;
  }
  const startLine = Math.max(0, from);
  const endLine = Math.min(lastLine, Math.max(startLine, to));
  const { snippet, redactions } = redactedWindow(text, languageId, ruleSet, startLine, endLine);
  return {
    finding: finding ? summary(finding, ruleSet) : undefined,
    languageId, startLine, endLine, snippet, redactions,
  };
}
