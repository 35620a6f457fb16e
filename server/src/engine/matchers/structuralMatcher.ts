// Turns a pattern's tree-sitter query matches (from its pack's combined query, run once per file) into reported ranges.
import type { CompiledPattern } from '../compile';
import type { FileContext, Match } from './match';
import { checkConditions } from './conditions';

export function matchQuery(p: CompiledPattern, ctx: FileContext): Match[] {
  if (!p.bank || p.queryId === undefined) return [];
  const raw = ctx.queryMatches(p.bank).get(p.queryId);
  if (!raw) return [];
  const commentTypes = new Set(ctx.lang.commentTypes ?? ['comment']);
  const out: Match[] = [];
  for (const caps of raw) {
    const first = caps.values().next().value;
    const reported = caps.get('match') ?? first;
    if (!reported || (reported.node && commentTypes.has(reported.node.type))) continue;
    const captures = new Map(caps);
    if (!captures.has('match')) captures.set('match', reported);
    const match: Match = { start: reported.start, end: reported.end, captures };
    if (checkConditions(p.where, match, ctx)) out.push(match);
  }
  return out;
}
