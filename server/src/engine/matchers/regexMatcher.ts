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
    const indices = (m as RegExpExecArray & { indices?: { groups?: Record<string, [number, number] | undefined> } }).indices;
    for (const [name, span] of Object.entries(indices?.groups ?? {})) {
      if (span) captures.set(name, { start: span[0], end: span[1], text: ctx.text.slice(span[0], span[1]) });
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
