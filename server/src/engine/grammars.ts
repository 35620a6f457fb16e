// Loads the tree-sitter runtime and grammars (wasm), and keeps per-document trees for incremental re-parsing.
import Parser = require('web-tree-sitter');
import { LANGUAGES, languageById } from './languages';
import { wasmPaths } from './nodeFs';

let initPromise: Promise<void> | undefined;
const loaded = new Map<string, Parser.Language>();
let parser: Parser | undefined;

/** Loads the tree-sitter runtime and every grammar the engine knows. Safe to call more than once. */
export function initGrammars(wasmDir?: string): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const paths = wasmPaths(wasmDir);
      await Parser.init({ locateFile: () => paths.runtime });
      const grammars = [...new Set(LANGUAGES.map((l) => l.grammar).filter((g): g is string => !!g))];
      for (const g of grammars) loaded.set(g, await Parser.Language.load(paths.grammar(g)));
      parser = new Parser();
    })();
  }
  return initPromise;
}

export function grammarFor(languageId: string): Parser.Language | undefined {
  const g = languageById(languageId)?.grammar;
  return g ? loaded.get(g) : undefined;
}

/** Parses `text` from scratch, or incrementally from `old` when given. Undefined when the language has no grammar. */
export function parse(languageId: string, text: string, old?: Parser.Tree): Parser.Tree | undefined {
  const lang = grammarFor(languageId);
  if (!lang || !parser) return undefined;
  parser.setLanguage(lang);
  // A parse of pathological input must not stall the server; tree-sitter stops after this budget (microseconds).
  parser.setTimeoutMicros(5_000_000);
  try {
    return parser.parse(text, old) ?? undefined;
  } catch {
    parser.reset();
    return undefined;
  }
}

export interface TreeEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: { row: number; column: number };
  oldEndPosition: { row: number; column: number };
  newEndPosition: { row: number; column: number };
}

/**
 * A document's last syntax tree. The editor reports each change with edit(); the next scan re-parses only what
 * changed. Indices and columns are UTF-16 code units, which is what web-tree-sitter uses for JavaScript strings.
 */
export class ParsedDocument {
  private tree: Parser.Tree | undefined;
  private treeText: string | undefined;

  constructor(readonly languageId: string) {}

  edit(e: TreeEdit): void {
    if (this.tree) this.tree.edit(e as Parser.Edit);
  }

  /** The tree for `text`, re-using the previous tree when edits were reported. */
  treeFor(text: string): Parser.Tree | undefined {
    if (this.tree && this.treeText === text) return this.tree;
    const next = parse(this.languageId, text, this.tree);
    this.tree?.delete();
    this.tree = next;
    this.treeText = text;
    return next;
  }

  dispose(): void {
    this.tree?.delete();
    this.tree = undefined;
  }
}
export type Tree = Parser.Tree;
export type SyntaxNode = Parser.SyntaxNode;
export type Query = Parser.Query;
