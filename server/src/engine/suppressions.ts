// Finds `vigil-ignore <ids> -- <reason> [until YYYY-MM-DD]` comments and decides which findings they cover.
import type { Suppression } from './types';
import type { TextIndex } from './textIndex';
import { regionAt, type Region } from './regions';

const MARKER = 'vigil-ignore';
const LINE = /vigil-ignore\s+([\w./*-]+(?:\s*,\s*[\w./*-]+)*)(?:\s+--\s*(.*?))?\s*(?:\*\/|-->|%>)?\s*$/;
const UNTIL = /\s*\buntil\s+(\d{4}-\d{2}-\d{2})\s*$/;

/** Parses every suppression comment in the file. Only text inside comments counts, never code or strings. */
export function findSuppressions(text: string, index: TextIndex, regions: () => Region[], today: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes(MARKER)) return out;
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const r = regionAt(regions(), at);
    if (!r || r.kind !== 'comment') continue;
    const line = index.lineAt(at);
    const lineText = text.slice(at, Math.min(index.lineEnd(line), r.end));
    const m = LINE.exec(lineText);
    if (!m) continue;
    let reason = (m[2] ?? '').trim();
    let until: string | undefined;
    const u = UNTIL.exec(reason);
    if (u) {
      until = u[1];
      reason = reason.slice(0, u.index).trim();
    }
    out.push({
      ruleIds: m[1].split(',').map((s) => s.trim()).filter(Boolean),
      reason: reason || undefined,
      until,
      line,
      expired: until !== undefined && until < today,
    });
  }
  return out;
}

/** The suppression covering a finding of `ruleId` on `line`: a comment on that line or the line above. */
export function suppressionFor(sups: Suppression[], ruleId: string, line: number): Suppression | undefined {
  return sups.find((s) => (s.line === line || s.line === line - 1) && s.ruleIds.some((id) => id === ruleId || (id.endsWith('/*') && ruleId.startsWith(id.slice(0, -1)))));
}

/** The comment text that suppresses `ruleIds` with `reason`, in the language's comment syntax. */
export function formatSuppression(prefix: { start: string; end: string }, ruleIds: string[], reason: string): string {
  return `${prefix.start} ${MARKER} ${ruleIds.join(', ')} -- ${reason.replace(/\r?\n/g, ' ').trim()}${prefix.end}`;
}
