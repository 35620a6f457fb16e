// Runs a compiled regex pattern over a file, honouring its scope (code/comment/string) and reported group.
import type { CompiledPattern } from '../compile';
import { inScope } from '../regions';
import type { Capture, FileContext, Match } from './match';
import { checkConditions } from './conditions';

/** A pattern that matches the empty string must not loop or flood; cap matches per pattern per file. */
const MAX_MATCHES = 10_000;

export function matchRegex(p: CompiledPattern, ctx: FileContext): Match[] {
  const re = p.regex!;
  re.lastIndex = 0;
  const out: Match[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text)) !== null && out.length < MAX_MATCHES) {
    if (m[0].length === 0) re.lastIndex++;
    const captures = new Map<string, Capture>();
    // Group offsets come from the group's text inside the match: the `d` flag would give exact indices, but V8 does
    // not fall back to its linear engine for such regexes, so it is not used.
    let from = 0;
    for (const [name, value] of Object.entries(m.groups ?? {})) {
      if (value === undefined) continue;
      let at = m[0].indexOf(value, from);
      if (at < 0) at = m[0].indexOf(value);
      if (at < 0) continue;
      const start = m.index + at;
      captures.set(name, { start, end: start + value.length, text: value });
      from = at;
    }
    const reported = p.report ? captures.get(p.report) : undefined;
    const start = reported ? reported.start : m.index;
    const end = reported ? reported.end : m.index + m[0].length;
    if (!inScope(ctx.regions(), start, p.scope)) continue;
    const match: Match = { start, end, captures };
    captures.set('match', { start, end, text: ctx.text.slice(start, end) });
    if (checkConditions(p.where, match, ctx)) out.push(match);
  }
  return out;
}
