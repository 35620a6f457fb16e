// Renders a rule's guidance as markdown for hover and "Show Rule Guidance": why, how to fix, CWE/OWASP links, references.
import { SUPPRESSION_RULES, type RuleSet } from '../engine';
import type { Severity } from '../engine/types';

export interface GuidanceSource {
  id: string;
  title: string;
  message: string;
  severity: Severity;
  confidence?: string;
  cwe: readonly string[];
  owasp: readonly string[];
  guidance: string;
  references?: readonly string[];
  helpUri?: string;
}

/** The rule (or engine-reported suppression rule) with this id, if it is known. */
export function guidanceSource(ruleSet: RuleSet, ruleId: string): GuidanceSource | undefined {
  const rule = ruleSet.byId(ruleId);
  if (rule) return rule;
  const builtin = Object.values(SUPPRESSION_RULES).find((r) => r.id === ruleId);
  return builtin ? { ...builtin, confidence: 'high' } : undefined;
}

export function cweLink(cwe: string): string {
  const n = /(\d+)/.exec(cwe)?.[1];
  return n ? `[${cwe}](https://cwe.mitre.org/data/definitions/${n}.html)` : cwe;
}

export function owaspLink(owasp: string): string {
  return `[${owasp}](https://owasp.org/Top10/)`;
}

/** Markdown with the rule's own guidance first, then the taxonomy links and references. */
export function renderGuidance(r: GuidanceSource, opts: { heading?: boolean } = {}): string {
  const parts: string[] = [];
  if (opts.heading !== false) parts.push(`### ${r.title}\n\n\`${r.id}\` · severity **${r.severity}**${r.confidence ? ` · confidence **${r.confidence}**` : ''}`);
  parts.push(r.message);
  if (r.guidance.trim()) parts.push(r.guidance.trim().replace(/^# .*\n+/, ''));
  const tax: string[] = [];
  if (r.cwe.length) tax.push(`**CWE:** ${r.cwe.map(cweLink).join(', ')}`);
  if (r.owasp.length) tax.push(`**OWASP Top 10:** ${r.owasp.map(owaspLink).join(', ')}`);
  if (tax.length) parts.push(tax.join('  \n'));
  if (r.references?.length) parts.push(`**References**\n\n${r.references.map((u) => `- <${u}>`).join('\n')}`);
  if (r.helpUri && /^https?:/.test(r.helpUri)) parts.push(`[Full guidance](${r.helpUri})`);
  return parts.join('\n\n');
}
