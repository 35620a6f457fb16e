// Replaces secrets in a text by «redacted:<rule-id>», using the secret-detection rules, before anything leaves the machine.
import type { RuleSet } from './ruleSet';
import { scan } from './scan';
import { TextIndex } from './textIndex';

export interface Redaction {
  ruleId: string;
  line: number;
}

/** Rules whose findings are secrets: the built-in `secrets` pack, and any rule tagged CWE-798 (hard-coded credentials). */
export function isSecretRule(ruleId: string, cwe: string[]): boolean {
  return ruleId.startsWith('secrets/') || cwe.includes('CWE-798');
}

export function redact(text: string, ruleSet: RuleSet, languageId = 'plaintext'): { text: string; redactions: Redaction[] } {
  // Secrets are looked for in the snippet's own language and as plain text, so a key in any syntax is caught.
  const spans: Array<{ start: number; end: number; ruleId: string }> = [];
  const index = new TextIndex(text);
  for (const lang of new Set([languageId, 'plaintext'])) {
    const { findings } = scan(text, lang, ruleSet, { requireReason: false });
    for (const f of findings) {
      if (!isSecretRule(f.ruleId, f.cwe)) continue;
      spans.push({ start: index.offsetAt(f.range.start), end: index.offsetAt(f.range.end), ruleId: f.ruleId });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let pos = 0;
  const redactions: Redaction[] = [];
  for (const s of spans) {
    if (s.end <= pos) continue;
    const start = Math.max(s.start, pos);
    out += text.slice(pos, start) + `«redacted:${s.ruleId}»`;
    pos = s.end;
    redactions.push({ ruleId: s.ruleId, line: index.lineAt(s.start) });
  }
  return { text: out + text.slice(pos), redactions };
}
