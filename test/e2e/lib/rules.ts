// Reads a built-in rule from the repository's packs, so scenarios check the editor against the rule's own
// title, CWE, guidance and fix rather than against copies of them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface RuleInfo {
  id: string;
  title: string;
  cwe: string[];
  guidance: string;
  fixTitle?: string;
}

export function ruleInfo(root: string, id: string): RuleInfo {
  const rulesDir = join(root, 'rules');
  for (const pack of readdirSync(rulesDir, { withFileTypes: true })) {
    if (!pack.isDirectory()) continue;
    const file = join(rulesDir, pack.name, 'pack.yaml');
    let doc: { rules?: Array<Record<string, any>> };
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const r = doc.rules?.find((x) => x.id === id);
    if (!r) continue;
    const g = String(r.guidance ?? '');
    const guidance = /\.md$/.test(g) ? readFileSync(join(rulesDir, pack.name, g), 'utf8') : g;
    return { id, title: r.title, cwe: r.cwe ?? [], guidance, fixTitle: r.fix?.title };
  }
  throw new Error(`no built-in rule ${id}`);
}

/** A phrase of the guidance page that survives markdown rendering: its first sub-heading, else its first words. */
export function guidancePhrase(guidance: string): string {
  const heading = /^#{2,6}\s+(.+)$/m.exec(guidance)?.[1];
  if (heading) return heading.replace(/[*_`]/g, '').trim();
  const prose = guidance.split('\n').find((l) => /^[A-Za-z]/.test(l.trim())) ?? '';
  return prose.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').split(/\s+/).slice(0, 5).join(' ');
}
