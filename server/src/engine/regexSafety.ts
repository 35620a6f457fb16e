// Compiles pack regexes so that none can hang the engine: linear-time-compatible syntax, or statically free of nested
// quantifiers, with V8's linear engine taking over whenever backtracking gets excessive.
import * as v8 from 'v8';

// V8 falls back to its non-backtracking (linear-time) engine when a regex backtracks too much. The flag must be set
// before any pack regex runs; setting it here means every consumer of the engine (CLI, server, tests) gets it.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
let linearFlagAvailable = true;
try {
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  new RegExp('a', 'l');
} catch {
  linearFlagAvailable = false;
}

const ALLOWED_FLAGS = /^[ims]*$/;

export type RegexResult = { regex: RegExp; linear: boolean } | { error: string };

/**
 * Rewrites a pattern so it matches ASCII letters in either case without the `i` flag, which V8's linear engine does
 * not support: `md5` becomes `[mM][dD]5`, `[a-f]` becomes `[a-fA-F]`.
 */
export function foldCase(src: string): string {
  let out = '';
  let i = 0;
  const swap = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
  const isLetter = (c: string | undefined) => !!c && /^[A-Za-z]$/.test(c);
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1];
      let len = 2;
      if ((n === 'p' || n === 'P' || n === 'u') && src[i + 2] === '{') len = src.indexOf('}', i) - i + 1;
      else if (n === 'u') len = 6;
      else if (n === 'x') len = 4;
      else if (n === 'c') len = 3;
      else if (n === 'k' && src[i + 2] === '<') len = src.indexOf('>', i) - i + 1;
      out += src.slice(i, i + len);
      i += len;
    } else if (c === '(' && src[i + 1] === '?') {
      const m = /^\(\?(<[A-Za-z_$][\w$]*>|[:=!]|<[=!])/.exec(src.slice(i));
      const len = m ? m[0].length : 2;
      out += src.slice(i, i + len);
      i += len;
    } else if (c === '[') {
      let j = i + 1;
      let body = '';
      let negate = '';
      const extra: string[] = [];
      if (src[j] === '^') negate = src[j++];
      while (j < src.length && src[j] !== ']') {
        if (src[j] === '\\') {
          body += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        const a = src[j];
        if (src[j + 1] === '-' && src[j + 2] !== undefined && src[j + 2] !== ']') {
          const b = src[j + 2] === '\\' ? undefined : src[j + 2];
          const len = src[j + 2] === '\\' ? 4 : 3;
          body += src.slice(j, j + len);
          if (isLetter(a) && isLetter(b) && (a === a.toLowerCase()) === (b! === b!.toLowerCase())) extra.push(`${swap(a)}-${swap(b!)}`);
          j += len;
          continue;
        }
        body += a;
        if (isLetter(a)) extra.push(swap(a));
        j++;
      }
      // The other-case letters go first: appended after a trailing `-` they would form a range (`[.-A-Z]`).
      out += `[${negate}${extra.join('')}${body}]`;
      i = j + 1;
    } else if (isLetter(c)) {
      out += `[${c}${swap(c)}]`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * True when a group that contains an unbounded quantifier is itself repeated (`(a+)+`, `(\w*\s)*`): the shape behind
 * catastrophic backtracking. Used for patterns the linear engine cannot take (long counted repetitions).
 */
export function hasNestedQuantifier(src: string): boolean {
  const stack: boolean[] = [];
  let inner = false;
  let i = 0;
  const unboundedAt = (k: number): boolean => {
    const q = src[k];
    if (q === '*' || q === '+') return true;
    if (q === '{') return /^\{\d+,\}/.test(src.slice(k));
    return false;
  };
  const repeatedAt = (k: number): boolean => unboundedAt(k) || (src[k] === '{' && /^\{\d+,(\d+)\}/.test(src.slice(k)) && Number(/^\{\d+,(\d+)\}/.exec(src.slice(k))![1]) > 1) || (src[k] === '{' && /^\{(\d+)\}/.test(src.slice(k)) && Number(/^\{(\d+)\}/.exec(src.slice(k))![1]) > 1);
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      if (unboundedAt(i)) inner = true;
      continue;
    }
    if (c === '[') {
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      if (unboundedAt(i)) inner = true;
      continue;
    }
    if (c === '(') {
      stack.push(inner);
      inner = false;
      i++;
      continue;
    }
    if (c === ')') {
      const groupHasUnbounded = inner;
      inner = stack.pop() ?? false;
      i++;
      if (groupHasUnbounded && repeatedAt(i)) return true;
      if (groupHasUnbounded || unboundedAt(i)) inner = true;
      continue;
    }
    i++;
    if (unboundedAt(i)) inner = true;
  }
  return false;
}

/**
 * Compiles `source` with the user flags (i, m, s) plus `extra` (default `g`). Never `d`: V8 does not fall back to the
 * linear engine for regexes with group indices.
 * Accepted: patterns V8's linear engine can run (so excessive backtracking falls back to it), and patterns that only
 * miss that because of long counted repetitions (`[A-Z0-9]{40}`) but have no nested quantifiers. Rejected: backreferences,
 * lookaround, and nested unbounded quantifiers that the linear engine cannot take over.
 */
export function compileSafeRegex(source: string, flags = '', extra = 'g'): RegexResult {
  if (!ALLOWED_FLAGS.test(flags)) return { error: `regex flags "${flags}" are not allowed (use only i, m, s)` };
  try {
    new RegExp(source, flags);
  } catch (e) {
    return { error: `invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  if (/\\[1-9]|\\k<|\(\?<?[=!]/.test(source)) {
    return { error: `regex /${source}/ uses a backreference or lookaround, which cannot run in linear time` };
  }
  // The linear engine has no case-insensitive mode here, so `i` is rewritten into explicit letter classes.
  const effective = flags.includes('i') ? foldCase(source) : source;
  const plainFlags = flags.replace('i', '');
  let linear = false;
  if (linearFlagAvailable) {
    try {
      new RegExp(effective, plainFlags + 'l');
      linear = true;
    } catch {
      linear = false;
    }
  }
  if (!linear && hasNestedQuantifier(source)) {
    return { error: `regex /${source}/ repeats a group that contains an unbounded quantifier; this can backtrack catastrophically` };
  }
  return { regex: new RegExp(effective, plainFlags + extra), linear };
}
