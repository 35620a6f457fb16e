// JSON documents for config rules, through jsonc-parser: it keeps offsets, accepts comments and trailing commas (JSONC
// files such as tsconfig), and is many times faster than reading JSON as YAML on big templates.
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ConfigEntry, ConfigNode } from '../matchers/configDoc';

const MAX_DEPTH = 64;

function fromJson(node: JsonNode, depth: number): ConfigNode {
  const start = node.offset;
  const end = node.offset + node.length;
  if (depth > MAX_DEPTH) return { kind: 'scalar', start, end, value: null };
  if (node.type === 'object') {
    const entries: ConfigEntry[] = [];
    for (const prop of node.children ?? []) {
      const [key, value] = prop.children ?? [];
      if (!key || typeof key.value !== 'string') continue;
      entries.push({
        key: key.value,
        keyStart: key.offset,
        keyEnd: key.offset + key.length,
        // `{"a": }` leaves a property without a value; treat it as null rather than dropping the key.
        value: value ? fromJson(value, depth + 1) : { kind: 'scalar', start: key.offset + key.length, end: key.offset + key.length, value: null },
      });
    }
    return { kind: 'map', start, end, entries };
  }
  if (node.type === 'array') return { kind: 'seq', start, end, items: (node.children ?? []).map((c) => fromJson(c, depth + 1)) };
  const v: unknown = node.value;
  const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
  return { kind: 'scalar', start, end, value };
}

/** One document, or none when the text is not well-formed JSON (a half-typed file must not yield absent-key findings). */
export function parseJson(text: string): ConfigNode[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) return [];
  return [fromJson(root, 0)];
}
