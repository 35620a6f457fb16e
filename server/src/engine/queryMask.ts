// Runs only some patterns of a compiled tree-sitter query, by narrowing the query's pattern map for one run.
//
// Why: a pack's combined query holds every query of the pack, but a file usually activates only a few rules (the
// others fail their anchors). Query time grows with the number of patterns, and compiling a query per set of active
// rules costs far more than running it. tree-sitter keeps, per query, a sorted "pattern map" (entries of
// {step index, pattern index, is rooted}) that the query cursor consults to start new matches; the patterns'
// steps live elsewhere. Removing entries from that map is exactly what the C API's ts_query_disable_pattern does;
// web-tree-sitter 0.22 does not expose it, so this module edits the map in wasm memory for the duration of one
// run and puts it back afterwards. The struct layout is that of web-tree-sitter 0.22.6 (pinned in package.json);
// selfTest() checks it on a real query before the engine relies on it, and everything falls back to running all
// patterns when the check fails.
import type { Query } from './grammars';

interface WasmModule {
  HEAPU8: Uint8Array;
}

/** Byte offsets inside struct TSQuery (wasm32). */
const PATTERN_MAP = 72; // Array(PatternEntry): contents pointer, size, capacity
const PATTERNS = 96; // Array(QueryPattern): size = pattern count
const WILDCARD_ROOT_COUNT = 160; // uint16: the first entries of the pattern map whose root is a wildcard
const ENTRY_SIZE = 6; // PatternEntry: uint16 step_index, uint16 pattern_index, bool is_rooted (+ padding)

let wasm: WasmModule | undefined;
let usable = false;

/** Called once by grammar loading with the emscripten module; `check` runs selfTest against a real grammar. */
export function attachWasm(module: WasmModule, check: () => boolean): void {
  wasm = module;
  usable = true;
  try {
    usable = check();
  } catch {
    usable = false;
  }
}

export function maskingAvailable(): boolean {
  return usable;
}

/** The original pattern map of a query, kept so a masked run can be undone. */
export interface PatternMap {
  contents: number;
  entries: Uint8Array;
  patternOf: number[];
  wildcardCount: number;
}

function view(): DataView {
  return new DataView(wasm!.HEAPU8.buffer);
}

/** Reads and sanity-checks a query's pattern map; undefined when the layout is not what this module expects. */
export function readPatternMap(query: Query, patternCount: number): PatternMap | undefined {
  if (!wasm) return undefined;
  const ptr = (query as unknown as { [0]: number })[0];
  if (!ptr) return undefined;
  const dv = view();
  const contents = dv.getUint32(ptr + PATTERN_MAP, true);
  const size = dv.getUint32(ptr + PATTERN_MAP + 4, true);
  const capacity = dv.getUint32(ptr + PATTERN_MAP + 8, true);
  const patterns = dv.getUint32(ptr + PATTERNS + 4, true);
  const wildcardCount = dv.getUint16(ptr + WILDCARD_ROOT_COUNT, true);
  if (!contents || size < patternCount || size > capacity || patterns !== patternCount || wildcardCount > size) return undefined;
  const patternOf: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < size; i++) {
    const p = dv.getUint16(contents + i * ENTRY_SIZE + 2, true);
    if (p >= patternCount) return undefined;
    patternOf.push(p);
    seen.add(p);
  }
  if (seen.size !== patternCount) return undefined;
  return { contents, entries: wasm.HEAPU8.slice(contents, contents + size * ENTRY_SIZE), patternOf, wildcardCount };
}

/**
 * Runs `fn` with only the patterns for which `keep(patternIndex)` is true enabled, then restores the full map.
 * Order is preserved, so the map stays sorted by symbol with the wildcard-rooted entries first.
 */
export function withPatterns<T>(query: Query, map: PatternMap, keep: (pattern: number) => boolean, fn: () => T): T {
  const ptr = (query as unknown as { [0]: number })[0];
  const heap = wasm!.HEAPU8;
  let n = 0;
  let wildcards = 0;
  for (let i = 0; i < map.patternOf.length; i++) {
    if (!keep(map.patternOf[i])) continue;
    heap.set(map.entries.subarray(i * ENTRY_SIZE, (i + 1) * ENTRY_SIZE), map.contents + n * ENTRY_SIZE);
    if (i < map.wildcardCount) wildcards++;
    n++;
  }
  const dv = view();
  dv.setUint32(ptr + PATTERN_MAP + 4, n, true);
  dv.setUint16(ptr + WILDCARD_ROOT_COUNT, wildcards, true);
  try {
    return fn();
  } finally {
    // The heap may have grown (and been replaced) during the run: write through a fresh view.
    wasm!.HEAPU8.set(map.entries, map.contents);
    const after = view();
    after.setUint32(ptr + PATTERN_MAP + 4, map.patternOf.length, true);
    after.setUint16(ptr + WILDCARD_ROOT_COUNT, map.wildcardCount, true);
  }
}
