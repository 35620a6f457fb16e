// Parses YAML/JSON text safely (alias bombs, deep nesting, duplicate keys) and maps key paths back to line:column.
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';

export interface ParsedYaml {
  doc: Document.Parsed;
  value: unknown;
  lineCounter: LineCounter;
}

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

/** Aliases beyond this count are refused: a "billion laughs" document expands exponentially. */
const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

/** The parser recurses per nesting level; a hostile document can exhaust the stack before our depth check runs. */
function explain(msg: string): string {
  return /call stack/i.test(msg) ? `document is nested too deeply to parse (limit ${MAX_DEPTH} levels): refused as a resource-exhaustion attack` : msg;
}

export function parseYamlText(text: string): ParsedYaml | YamlProblem {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (e) {
    return { line: 1, column: 1, message: `cannot parse: ${explain((e as Error).message)}` };
  }
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    return { line: pos.line, column: pos.col, message: explain(err.message.split('\n')[0]) };
  }
  const depth = maxDepth(doc.contents as YamlNode | null);
  if (depth > MAX_DEPTH) return { line: 1, column: 1, message: `document is nested ${depth} levels deep (limit ${MAX_DEPTH})` };
  try {
    const value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    return { doc, value, lineCounter };
  } catch (e) {
    const msg = (e as Error).message;
    return { line: 1, column: 1, message: /alias/i.test(msg) ? `too many YAML aliases (limit ${MAX_ALIASES}): refused as a resource-exhaustion attack` : explain(msg) };
  }
}

function maxDepth(node: YamlNode | null, d = 0): number {
  // Iterative to survive hostile nesting without overflowing the stack.
  let max = d;
  const stack: Array<[unknown, number]> = [[node, d]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (depth > MAX_DEPTH) return depth;
    if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (isPair(item)) stack.push([item.value, depth + 1]);
        else stack.push([item, depth + 1]);
      }
    }
  }
  return max;
}

/** The 1-based line:column of the node at `path` (its key when `key` is true and the parent is a map). */
export function locate(parsed: ParsedYaml, path: Array<string | number>, key = false): { line: number; column: number } {
  let node: unknown = parsed.doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const last = i === path.length - 1;
      if (last && key) {
        offset = (pair.key as YamlNode).range?.[0] ?? offset;
        node = undefined;
        break;
      }
      node = pair.value;
      offset = (pair.value as YamlNode | null)?.range?.[0] ?? (pair.key as YamlNode).range?.[0] ?? offset;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      offset = (node as YamlNode | null)?.range?.[0] ?? offset;
    } else break;
  }
  const pos = parsed.lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
