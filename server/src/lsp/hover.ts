// Hover on a finding: the rule's guidance, from the findings stored for the document (no re-scan).
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Range } from '../engine/types';
import { guidanceSource, renderGuidance } from './guidance';
import type { StoredFindings } from './validator';

export function containsPosition(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

export function hoverAt(stored: StoredFindings | undefined, position: Position): Hover | null {
  if (!stored) return null;
  const here = stored.findings.filter((f) => containsPosition(f.range, position));
  if (!here.length) return null;
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const f of here) {
    if (seen.has(f.ruleId)) continue;
    seen.add(f.ruleId);
    const src = guidanceSource(stored.rules.ruleSet, f.ruleId);
    sections.push(src ? renderGuidance(src) : `### ${f.title}\n\n\`${f.ruleId}\`\n\n${f.message}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: here[0].range };
}
