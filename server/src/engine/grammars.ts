// Loads the tree-sitter runtime and grammars (wasm), and keeps per-document trees for incremental re-parsing.
import Parser = require('web-tree-sitter');
import { LANGUAGES, languageById } from './languages';
import { readBytes, wasmPaths } from './nodeFs';
import { attachWasm, readPatternMap, withPatterns } from './queryMask';

let initPromise: Promise<void> | undefined;
const loaded = new Map<string, Parser.Language>();
let parser: Parser | undefined;

/** Loads the tree-sitter runtime and every grammar the engine knows. Safe to call more than once. */
export function initGrammars(wasmDir?: string): Promise<void> {
  if (!initPromise) {
    initPromise = (async () => {
      const paths = wasmPaths(wasmDir);
      let wasm: { HEAPU8: Uint8Array } | undefined;
      // emscripten hands its module object to postRun callbacks: the only way to reach the wasm memory (queryMask.ts).
      await Parser.init({
        locateFile: () => paths.runtime,
        postRun: [(m: { HEAPU8: Uint8Array }) => (wasm = m)],
        // We instantiate the runtime ourselves only to reach its import table (emscripten passes it here and nowhere
        // else): grammars built by tree-sitter-wasms import C library functions this runtime does not export.
        instantiateWasm: (imports: WasmImports, done: (instance: unknown, module: unknown) => void) => {
          addLibcShims(imports.env);
          void wasmApi.instantiate(readBytes(paths.runtime), imports).then((r) => done(r.instance, r.module));
          return {};
        },
      });
      const grammars = [...new Set(LANGUAGES.map((l) => l.grammar).filter((g): g is string => !!g))];
      for (const g of grammars) loaded.set(g, await Parser.Language.load(paths.grammar(g)));
      parser = new Parser();
      if (wasm) attachWasm(wasm, maskSelfTest);
    })();
  }
  return initPromise;
}

// The TypeScript libs of this project do not declare WebAssembly; only instantiate() is needed.
type WasmImports = Record<string, Record<string, unknown>>;
const wasmApi = (globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array, imports: WasmImports): Promise<{ instance: unknown; module: unknown }> };
}).WebAssembly;

/**
 * The bash grammar's scanner calls isalpha() (on every `case` statement) and several grammars call __assert_fail on a
 * failed assertion; web-tree-sitter 0.22.6 provides neither, so the call threw "_ is not a function" mid-parse and could
 * leave the shared wasm heap corrupted for the files after it. Side modules resolve missing symbols from this table.
 */
function addLibcShims(env: Record<string, unknown>): void {
  env.isalpha ??= (c: number) => (((c | 32) - 97) >>> 0 < 26 ? 1 : 0);
  env.__assert_fail ??= () => {
    throw new Error('tree-sitter grammar assertion failed');
  };
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

/**
 * Checks that narrowing a query's pattern map (queryMask.ts) gives exactly the matches of the full query restricted to
 * the kept patterns, on a query mixing wildcard-rooted, child-started and plain patterns.
 */
function maskSelfTest(): boolean {
  const lang = loaded.get('javascript');
  if (!lang) return false;
  const tree = parse('javascript', 'let x = 1; f("s", [2, y]); g(x)');
  if (!tree) return false;
  const query = lang.query('(_) @a\n(identifier) @b\n(_ (string) @c)\n(number) @d\n(call_expression function: (identifier) @e)\n[(array) (string)] @f');
  try {
    const n = 6;
    const map = readPatternMap(query, n);
    if (!map) return false;
    const key = (m: Parser.QueryMatch) => `${m.pattern}:${m.captures.map((c) => `${c.name}@${c.node.startIndex}-${c.node.endIndex}`).join(',')}`;
    const full = query.matches(tree.rootNode).map(key);
    for (let mask = 0; mask < 1 << n; mask++) {
      const keep = (p: number) => ((mask >> p) & 1) === 1;
      const got = withPatterns(query, map, keep, () => query.matches(tree.rootNode)).map(key);
      const want = full.filter((k) => keep(Number(k.split(':')[0])));
      if (got.join('|') !== want.join('|')) return false;
    }
    return query.matches(tree.rootNode).map(key).join('|') === full.join('|');
  } finally {
    query.delete();
    tree.delete();
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
