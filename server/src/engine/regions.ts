// A small lexer that finds comments and string literals, so regex rules can be scoped to code, comments or strings.
import type { LanguageInfo } from './languages';
import type { Scope } from './types';

export type RegionKind = 'comment' | 'string';
export interface Region {
  start: number;
  end: number;
  kind: RegionKind;
}

/** Languages where `#` starts a comment only at the start of a word (shell's `$#`, `${#x}`). */
const HASH_NEEDS_SPACE = new Set(['shellscript', 'dockerfile', 'yaml', 'plaintext', 'terraform']);

/**
 * Returns the comment and string spans of `text`, in order. It is a heuristic lexer (no regex literals, no heredocs),
 * which is enough to keep code-scoped regexes out of comments and strings. Single-line quotes end at a newline so
 * a stray apostrophe cannot swallow the rest of a file.
 */
export function findRegions(text: string, lang: LanguageInfo): Region[] {
  const regions: Region[] = [];
  const n = text.length;
  const lineComments = lang.lineComments;
  const blocks = lang.blockComments;
  const strings = lang.strings;
  const hashNeedsSpace = HASH_NEEDS_SPACE.has(lang.id);
  let i = 0;
  outer: while (i < n) {
    const c = text.charCodeAt(i);
    // Fast skip of characters that cannot start a comment or string.
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32 || c === 10) {
      i++;
      continue;
    }
    for (const [open, close] of blocks) {
      if (text.startsWith(open, i) && (open !== '=begin' || i === 0 || text[i - 1] === '\n')) {
        const end = text.indexOf(close, i + open.length);
        const stop = end < 0 ? n : end + close.length;
        regions.push({ start: i, end: stop, kind: 'comment' });
        i = stop;
        continue outer;
      }
    }
    for (const lc of lineComments) {
      if (text.startsWith(lc, i)) {
        if (lc === '#' && hashNeedsSpace && i > 0 && !/\s/.test(text[i - 1])) break;
        let end = text.indexOf('\n', i);
        if (end < 0) end = n;
        regions.push({ start: i, end, kind: 'comment' });
        i = end;
        continue outer;
      }
    }
    for (const q of strings) {
      if (text.startsWith(q, i)) {
        const multiline = q.length === 3 || q === '`';
        let j = i + q.length;
        while (j < n) {
          const ch = text[j];
          if (ch === '\\' && !(lang.id === 'shellscript' && q === "'")) {
            j += 2;
            continue;
          }
          if (ch === '\n' && !multiline) break;
          if (text.startsWith(q, j)) {
            j += q.length;
            break;
          }
          j++;
        }
        regions.push({ start: i, end: Math.min(j, n), kind: 'string' });
        i = j;
        continue outer;
      }
    }
    i++;
  }
  return regions;
}

/** Binary search: the region containing `offset`, if any. */
export function regionAt(regions: Region[], offset: number): Region | undefined {
  let lo = 0;
  let hi = regions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = regions[mid];
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** Whether a match starting at `offset` lies in the wanted scope. */
export function inScope(regions: Region[], offset: number, scope: Scope): boolean {
  if (scope === 'any') return true;
  const r = regionAt(regions, offset);
  if (scope === 'code') return r === undefined;
  return r !== undefined && r.kind === scope;
}
