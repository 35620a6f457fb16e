// Compiles pack regexes so that none can hang the engine: linear-time-compatible syntax only, with V8's
// linear engine taking over whenever backtracking gets excessive.
import * as v8 from 'v8';

// V8 falls back to its non-backtracking (linear-time) engine when a regex backtracks too much. The flag must be
// set before any pack regex runs; setting it here means every consumer of the engine (CLI, server, tests) gets it.
// It only helps patterns the linear engine can run, which is why compileSafeRegex rejects the others.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
let linearFlagAvailable = true;
try {
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  new RegExp('a', 'l');
} catch {
  linearFlagAvailable = false;
}

const ALLOWED_FLAGS = /^[ims]*$/;

export type RegexResult = { regex: RegExp } | { error: string };

/**
 * Compiles `source` with the given user flags plus `g` (and `d` for group indices). Rejects patterns that cannot run in
 * linear time (backreferences, lookaround), so V8's fallback engine can always take over.
 */
export function compileSafeRegex(source: string, flags = '', extra = 'gd'): RegexResult {
  if (!ALLOWED_FLAGS.test(flags)) return { error: `regex flags "${flags}" are not allowed (use only i, m, s)` };
  try {
    new RegExp(source, flags);
  } catch (e) {
    return { error: `invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  if (linearFlagAvailable) {
    try {
      new RegExp(source, flags + 'l');
    } catch {
      return { error: `regex /${source}/ cannot run in linear time (no backreferences or lookaround allowed)` };
    }
  } else if (/\\[1-9]|\(\?<?[=!]/.test(source)) {
    return { error: `regex /${source}/ cannot run in linear time (no backreferences or lookaround allowed)` };
  }
  return { regex: new RegExp(source, flags + extra) };
}
