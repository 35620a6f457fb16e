// Runs a tree-sitter query pattern over a file's syntax tree and turns query matches into reported ranges.
import type { CompiledPattern } from '../compile';
import type { Capture, FileContext, Match } from './match';
import { checkConditions } from './conditions';

/** Bounds the work tree-sitter may do in one query (in-progress match states), so a hostile query cannot explode. */
const MATCH_LIMIT = 2048;

export function matchQuery(p: CompiledPattern, ctx: FileContext): Match[] {
  const grammar = ctx.lang.grammar;
  const query = grammar ? p.queries?.get(grammar) : undefined;
  if (!query) return [];
  const tree = ctx.tree();
  if (!tree) return [];
  const commentTypes = new Set(ctx.lang.commentTypes ?? ['comment']);
  const out: Match[] = [];
  for (const qm of query.matches(tree.rootNode, { matchLimit: MATCH_LIMIT })) {
    const captures = new Map<string, Capture>();
    for (const c of qm.captures) {
      if (captures.has(c.name)) continue;
      captures.set(c.name, { start: c.node.startIndex, end: c.node.endIndex, text: c.node.text, node: c.node });
    }
    const reported = captures.get('match') ?? (qm.captures[0] && captures.get(qm.captures[0].name));
    if (!reported || commentTypes.has(reported.node!.type)) continue;
    const match: Match = { start: reported.start, end: reported.end, captures };
    if (!captures.has('match')) captures.set('match', reported);
    if (checkConditions(p.where, match, ctx)) out.push(match);
  }
  return out;
}
