// Expands a rule's fix template with a match's captures into text edits, and applies edits to text.
import type { Fix, TextEdit } from './types';
import type { Match } from './matchers/match';
import { TextIndex } from './textIndex';

export function expandTemplate(template: string, match: Match): string {
  return template.replace(/\$\{(\w+)\}|\$(\w+)|\$\$/g, (all, braced: string | undefined, bare: string | undefined) => {
    if (all === '$$') return '$';
    const name = braced ?? bare!;
    if (name === '0') return match.captures.get('match')?.text ?? '';
    const cap = match.captures.get(name);
    return cap ? cap.text : all;
  });
}

export function fixEdits(fix: Fix, match: Match, index: TextIndex): TextEdit[] | undefined {
  const target = fix.target ? match.captures.get(fix.target) : match.captures.get('match');
  if (!target) return undefined;
  return [{ range: index.rangeOf(target.start, target.end), newText: expandTemplate(fix.replace, match) }];
}

/** Applies non-overlapping edits (any order) to `text`. Overlapping edits after the first are dropped. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const idx = new TextIndex(text);
  const spans = edits
    .map((e) => ({ start: idx.offsetAt(e.range.start), end: idx.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos);
}
