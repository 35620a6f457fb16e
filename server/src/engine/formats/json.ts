// JSON documents for config rules, through jsonc-parser: it keeps offsets, accepts comments and trailing commas (JSONC
// files such as tsconfig), and is many times faster than reading JSON as YAML on big templates.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ConfigEntry, ConfigNode } from '../matchers/configDoc';

const MAX_DEPTH = 64;

export interface JsonOffsets {
  /** Maps an index of the parsed text to a source offset (JSON held in an escaped HCL string moves around). */
  at(i: number): number;
  /** Keys span their quotes in a JSON file; inside HCL they span the name only. */
  keyQuotes: boolean;
}

const IDENTITY: JsonOffsets = { at: (i) => i, keyQuotes: true };

function fromJson(node: JsonNode, depth: number, o: JsonOffsets): ConfigNode {
  const start = o.at(node.offset);
  const end = o.at(node.offset + node.length - 1) + 1;
  if (depth > MAX_DEPTH) return { kind: 'scalar', start, end, value: null };
  if (node.type === 'object') {
    const entries: ConfigEntry[] = [];
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      const inner = o.keyQuotes ? 0 : 1;
      const keyStart = o.at(key.offset + inner);
      const keyEnd = o.at(key.offset + key.length - 1 - inner) + 1;
      entries.push({
        key: key.value,
        keyStart,
        keyEnd,
        // `{"a": }` leaves a property without a value; treat it as null rather than dropping the key.
        value: value ? fromJson(value, depth + 1, o) : { kind: 'scalar', start: keyEnd, end: keyEnd, value: null },
      });
    }
    return { kind: 'map', start, end, entries };
  }
  if (node.type === 'array') return { kind: 'seq', start, end, items: (node.children ?? []).map((c) => fromJson(c, depth + 1, o)) };
  const v: unknown = node.value;
  const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  return { kind: 'scalar', start, end, value };
}

/** One JSON value as config nodes, or undefined when the text is not well-formed JSON. */
export function parseJsonValue(text: string, offsets: JsonOffsets = IDENTITY): ConfigNode | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) return undefined;
  return fromJson(root, 0, offsets);
}

/** One document, or none when the text is not well-formed JSON (a half-typed file must not yield absent-key findings). */
export function parseJson(text: string): ConfigNode[] {
  const doc = parseJsonValue(text);
  return doc ? [doc] : [];
}
