// Compiles every tree-sitter query of a rule set into one combined query per grammar, lazily, and runs it once per file.
// Why: compiling hundreds of small queries takes seconds per grammar, and running them is one tree walk each; one
// combined query compiles about twice as fast, only for grammars actually met, and walks the tree once.
import type { Problem } from './types';
import { grammarFor, type Query, type SyntaxNode } from './grammars';
import { languageById, LANGUAGES } from './languages';
import type { Capture } from './matchers/match';
import { maskingAvailable, readPatternMap, withPatterns, type PatternMap } from './queryMask';

export interface QueryOrigin {
  file: string;
  line?: number;
  column?: number;
  ruleId: string;
}

interface Entry {
  source: string;
  origin: QueryOrigin;
  /** Grammars this query is meant for (from the rule's languages). */
  grammars: Set<string>;
}

interface Combined {
  query?: Query;
  /** For each pattern index of the combined query, the entry id it came from. */
  owner: number[];
  /** The query's pattern map, when runs can be narrowed to some entries (queryMask.ts). */
  map?: PatternMap;
}

export type RawQueryMatch = Map<string, Capture>;

/**
 * Bounds tree-sitter's in-progress match states. Sibling patterns (`(block (decl) (_ (sink)))`) keep one state per
 * earlier statement of a block open until the block ends, so their cost grows with the square of the block's length:
 * one generated 11,000-line C# file took over 200 s with 4,096 states and 8 s with 256. Small files keep the large
 * limit, which the packs' fixtures need (some 45-line Java files exceed 1,024 states); past LARGE_SOURCE the limit
 * drops, and tree-sitter abandons the oldest in-progress states first, so what can be missed in a huge file is a
 * match whose first statement lies far above its last.
 */
const MATCH_LIMIT = 4096;
const LARGE_SOURCE_MATCH_LIMIT = 256;
const LARGE_SOURCE = 64 * 1024;

export class QueryBank {
  private readonly entries: Entry[] = [];
  private readonly combined = new Map<string, Combined>();
  /** Problems found while compiling (reported once each). */
  readonly problems: Problem[] = [];
  private readonly broken = new Set<number>();

  add(source: string, languages: Iterable<string>, origin: QueryOrigin): number {
    const grammars = new Set<string>();
    for (const l of languages) {
      const g = languageById(l)?.grammar;
      if (g) grammars.add(g);
    }
    this.entries.push({ source, origin, grammars });
    return this.entries.length - 1;
  }

  hasGrammar(grammar: string): boolean {
    return this.entries.some((e) => e.grammars.has(grammar));
  }

  /** Compiles the combined query for a grammar (once). Queries that do not compile are dropped and reported. */
  private compile(grammar: string, languageId: string): Combined {
    const cached = this.combined.get(grammar);
    if (cached) return cached;
    const lang = grammarFor(languageId);
    const ids = this.entries.map((e, i) => (e.grammars.has(grammar) && !this.broken.has(i) ? i : -1)).filter((i) => i >= 0);
    let result: Combined = { owner: [] };
    if (lang && ids.length) {
      result = this.tryCombine(lang, ids) ?? this.isolateBroken(lang, ids, grammar);
    }
    this.combined.set(grammar, result);
    return result;
  }

  private tryCombine(lang: NonNullable<ReturnType<typeof grammarFor>>, ids: number[]): Combined | undefined {
    // web-tree-sitter 0.22 cannot say where a pattern starts, so count the top-level patterns of each entry instead.
    const counts = ids.map((id) => countPatterns(this.entries[id].source));
    const source = ids.map((id) => this.entries[id].source).join('\n');
    let query: Query;
    try {
      query = lang.query(source);
    } catch {
      return undefined;
    }
    const owner: number[] = [];
    ids.forEach((id, k) => {
      for (let c = 0; c < counts[k]; c++) owner.push(id);
    });
    const n = (query as unknown as { predicates: unknown[] }).predicates.length;
    if (owner.length !== n) {
      query.delete();
      return undefined;
    }
    return { query, owner, map: maskingAvailable() ? readPatternMap(query, owner.length) : undefined };
  }

  private isolateBroken(lang: NonNullable<ReturnType<typeof grammarFor>>, ids: number[], grammar: string): Combined {
    const good: number[] = [];
    for (const id of ids) {
      try {
        lang.query(this.entries[id].source).delete();
        good.push(id);
      } catch (e) {
        this.broken.add(id);
        const o = this.entries[id].origin;
        this.problems.push({
          file: o.file,
          line: o.line,
          column: o.column,
          message: `${o.ruleId}: tree-sitter query does not compile for ${grammar}: ${(e as Error).message}`,
          severity: 'error',
        });
      }
    }
    return this.tryCombine(lang, good) ?? { owner: [] };
  }

  /** Compiles every grammar now, so a pack author sees every query error at once (`vigil test`, `packs validate`). */
  compileAll(): Problem[] {
    const grammars = new Set(this.entries.flatMap((e) => [...e.grammars]));
    for (const g of grammars) {
      const languageId = LANGUAGES.find((l) => l.grammar === g)?.id;
      if (languageId) this.compile(g, languageId);
    }
    return this.problems;
  }

  /**
   * Runs the combined query once over a tree; returns the matches of every entry, keyed by entry id. With `active`,
   * only those entries' patterns run (when the pattern map can be narrowed) and only their matches are returned.
   * `source`: the text the tree was parsed from, for capture texts.
   */
  run(root: SyntaxNode, languageId: string, active?: ReadonlySet<number>, source?: string): Map<number, RawQueryMatch[]> {
    const grammar = languageById(languageId)?.grammar;
    const out = new Map<number, RawQueryMatch[]>();
    if (!grammar) return out;
    const { query, owner, map } = this.compile(grammar, languageId);
    if (!query) return out;
    if (active && !owner.some((id) => active.has(id))) return out;
    const all = !active || owner.every((id) => active.has(id));
    const matchLimit = root.endIndex > LARGE_SOURCE ? LARGE_SOURCE_MATCH_LIMIT : MATCH_LIMIT;
    const run = () => query.matches(root, { matchLimit });
    const matches = all ? run() : map ? withPatterns(query, map, (p) => active.has(owner[p]), run) : run();
    for (const m of matches) {
      const id = owner[m.pattern];
      if (active && !active.has(id)) continue;
      const caps: RawQueryMatch = new Map();
      for (const c of m.captures) {
        if (caps.has(c.name)) continue;
        const start = c.node.startIndex;
        const end = c.node.endIndex;
        // Node offsets are UTF-16 indices into the parsed string, so slicing it gives node.text without a second wasm call.
        caps.set(c.name, { start, end, text: source !== undefined ? source.slice(start, end) : c.node.text, node: c.node });
      }
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(caps);
    }
    return out;
  }
}


/** Counts the top-level patterns of a query source: parenthesised or bracketed groups, or strings, at depth 0. */
export function countPatterns(src: string): number {
  let depth = 0;
  let count = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === ';') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '"') {
      if (depth === 0) count++;
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === '(' || c === '[') {
      if (depth === 0) count++;
      depth++;
    } else if (c === ')' || c === ']') depth--;
  }
  return count;
}
