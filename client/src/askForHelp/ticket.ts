// Composes the ticket (title, Markdown body, fingerprint, webhook context) from the redacted context. No vscode, no I/O.
import { createHash } from 'node:crypto';
import { sanitizeRemote } from './providers/browser';
import type { Ticket, TicketKind, Urgency } from './providers/types';

export const KIND_LABELS: Record<TicketKind, string> = {
  question: 'Question',
  vulnerability: 'Suspected vulnerability',
  review: 'Design or security review request',
  exception: 'Exception request',
};
export const KIND_DETAILS: Record<TicketKind, string> = {
  question: 'I am not sure whether this is safe.',
  vulnerability: 'I think this code may be exploitable.',
  review: 'Please review the design or security of this code.',
  exception: 'Please accept this finding as a risk or a false positive.',
};
export const URGENCIES: Urgency[] = ['low', 'normal', 'high', 'critical'];

export interface TicketFinding {
  ruleId: string;
  title: string;
  message: string;
  severity: string;
  confidence?: string;
  cwe: string[];
  owasp?: string[];
  helpUri?: string;
}

export interface TicketInput {
  kind: TicketKind;
  urgency: Urgency;
  description: string;
  finding?: TicketFinding;
  /** Path relative to the repository (or workspace) root, with forward slashes. */
  relPath: string;
  languageId: string;
  /** 0-based first/last line of the snippet. */
  startLine: number;
  endLine: number;
  /** 0-based lines of the finding or selection inside the snippet; absent = the whole snippet (whole file). */
  focusStart?: number;
  focusEnd?: number;
  /** Already redacted by the engine. */
  snippet: string;
  redactionCount: number;
  git?: { remote?: string; branch?: string; commit?: string };
  versions?: { extension?: string; vscode?: string };
  labels?: string[];
  /** For an exception request: the reason the engineer gives for suppressing. */
  exceptionReason?: string;
}

const MAX_TITLE = 200;
/** Trackers cap bodies (Jira 32,767 characters, GitHub 65,536); a whole-file ticket keeps this much code. */
export const MAX_SNIPPET_CHARS = 20_000;

/** Cuts a long snippet at a line end and says how much was left out. */
export function capSnippet(snippet: string, max = MAX_SNIPPET_CHARS): string {
  if (snippet.length <= max) return snippet;
  // Cut at a line end unless that would drop most of the budget (one huge minified line).
  const cut = snippet.lastIndexOf('\n', max);
  let kept = snippet.slice(0, cut > max / 2 ? cut : max);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  const dropped = snippet.slice(kept.length).split('\n').filter((l, i) => i > 0 || l !== '').length;
  return `${kept}\n[…truncated by Vigil: ${dropped} more line${dropped === 1 ? '' : 's'}]`;
}

/** Whitespace-insensitive code, so reformatting or re-indenting does not change the fingerprint. */
export function normalizeCode(code: string): string {
  return code
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** sha256(rule + file + normalized code), first 16 hex digits: the duplicate-detection key. */
export function ticketFingerprint(ruleId: string | undefined, relPath: string, code: string): string {
  return createHash('sha256')
    .update(`vigil-ticket-v1\0${ruleId ?? '(selection)'}\0${relPath}\0${normalizeCode(code)}`)
    .digest('hex')
    .slice(0, 16);
}

/** The snippet lines of the finding or selection (what the fingerprint covers; context lines around it do not count). */
export function focusCode(input: Pick<TicketInput, 'snippet' | 'startLine' | 'focusStart' | 'focusEnd'>): string {
  const lines = input.snippet.split(/\r?\n/);
  if (input.focusStart === undefined) return input.snippet;
  const a = Math.max(0, input.focusStart - input.startLine);
  const b = Math.min(lines.length - 1, (input.focusEnd ?? input.focusStart) - input.startLine);
  return b < a ? input.snippet : lines.slice(a, b + 1).join('\n');
}

/** A fence longer than any backtick run in the code, so the snippet cannot break out of its block. */
function fence(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((m) => m.length));
  return '`'.repeat(longest + 1);
}

function lineLabel(a: number, b: number): string {
  return a === b ? `line ${a + 1}` : `lines ${a + 1}–${b + 1}`;
}

export function composeTicket(input: TicketInput): Ticket {
  const fingerprint = ticketFingerprint(input.finding?.ruleId, input.relPath, focusCode(input));
  const f = input.finding;
  const focusA = input.focusStart ?? input.startLine;
  const focusB = input.focusEnd ?? input.endLine;
  const where = input.focusStart === undefined ? input.relPath : `${input.relPath}:${focusA + 1}`;
  const subject = f ? f.title : input.focusStart === undefined ? 'is this file safe?' : 'is this code safe?';
  let title = `[Vigil] ${KIND_LABELS[input.kind]}: ${subject} (${where})`.replace(/[\r\n]+/g, ' ');
  if (title.length > MAX_TITLE) title = title.slice(0, MAX_TITLE - 1) + '…';

  const remote = sanitizeRemote(input.git?.remote);
  const out: string[] = [];
  out.push(`**Kind:** ${KIND_LABELS[input.kind]} · **Urgency:** ${input.urgency}`, '');
  out.push('### Description', '', input.description.trim() || `_${KIND_DETAILS[input.kind]}_`, '');
  if (input.kind === 'exception' && input.exceptionReason) {
    out.push('### Requested exception', '', `Reason given: ${input.exceptionReason.trim()}`, '');
  }
  if (f) {
    out.push('### Finding', '');
    out.push(`- Rule: \`${f.ruleId}\` ${f.title}`);
    out.push(`- Message: ${f.message}`);
    out.push(`- Severity: ${f.severity}${f.confidence ? ` (confidence ${f.confidence})` : ''}`);
    if (f.cwe.length || f.owasp?.length) out.push(`- Classification: ${[...f.cwe, ...(f.owasp ?? [])].join(', ')}`);
    if (f.helpUri) out.push(`- Guidance: ${f.helpUri}`);
    out.push('');
  }
  out.push('### Location', '');
  if (remote) out.push(`- Repository: ${remote}`);
  if (input.git?.branch) out.push(`- Branch: \`${input.git.branch}\``);
  if (input.git?.commit) out.push(`- Commit: \`${input.git.commit}\``);
  out.push(`- File: \`${input.relPath}\`, ${input.focusStart === undefined ? 'whole file' : lineLabel(focusA, focusB)}`);
  out.push(`- Language: ${input.languageId}`, '');
  const code = capSnippet(input.snippet);
  const fe = fence(code);
  out.push(`### Code (${lineLabel(input.startLine, input.endLine)}, secrets redacted)`, '');
  out.push(fe + input.languageId, code.replace(/\s+$/, ''), fe);
  out.push(
    input.redactionCount
      ? `_${input.redactionCount} secret${input.redactionCount === 1 ? ' was' : 's were'} replaced by «redacted:<rule-id>» before sending._`
      : '_Secret detection found nothing to redact in this snippet._',
    '',
  );
  const v = input.versions ?? {};
  out.push('---', `Filed with Vigil${v.extension ? ' ' + v.extension : ''}${v.vscode ? ` in VS Code ${v.vscode}` : ''}.`, '');
  out.push(`vigil-fingerprint: ${fingerprint}`);

  const labels = [...new Set([...(input.labels ?? []), ...(input.kind === 'exception' ? ['exception-request'] : [])])].filter(Boolean);
  return {
    kind: input.kind,
    urgency: input.urgency,
    title,
    body: out.join('\n'),
    fingerprint,
    labels,
    context: {
      rule: f ? { id: f.ruleId, title: f.title, severity: f.severity, cwe: f.cwe, helpUri: f.helpUri } : undefined,
      file: input.relPath,
      language: input.languageId,
      lines: { start: focusA + 1, end: focusB + 1 },
      snippet: capSnippet(input.snippet),
      repository: remote ? { remote, branch: input.git?.branch, commit: input.git?.commit } : undefined,
      versions: input.versions,
    },
  };
}
