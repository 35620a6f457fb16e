// A small document model (maps, lists, scalars with offsets) that config rules match on, and its YAML/JSON builder.
import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, isAlias, type Node as YamlNode } from 'yaml';
import { parseDockerfile } from '../formats/dockerfile';
import { parseJson } from '../formats/json';
import { parseHcl } from '../formats/hcl';

export type ConfigNode =
  | { kind: 'map'; start: number; end: number; entries: ConfigEntry[] }
  | { kind: 'seq'; start: number; end: number; items: ConfigNode[] }
  | { kind: 'scalar'; start: number; end: number; value: string | number | boolean | null };

export interface ConfigEntry {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: ConfigNode;
}

export type ConfigParser = (text: string) => ConfigNode[];

const parsers = new Map<string, ConfigParser>();

/** Other formats (HCL, Dockerfile) register a parser that yields the same model. */
export function registerConfigParser(languageId: string, parse: ConfigParser): void {
  parsers.set(languageId, parse);
}

export function parseConfig(languageId: string, text: string): ConfigNode[] {
  const p = parsers.get(languageId);
  if (!p) return [];
  try {
    return p(text);
  } catch {
    return [];
  }
}

const MAX_DEPTH = 64;

function fromYaml(node: unknown, depth: number): ConfigNode {
  const plain = fromUntaggedYaml(node, depth);
  // An application tag (CloudFormation's `!Ref X`, `!If [...]`) reads as its long form ({Ref: X}, {"Fn::If": [...]}), so a
  // rule sees an unknown value, as it does for the long form, instead of the bare parameter name.
  const tag = (node as { tag?: string } | null)?.tag;
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!') || depth > MAX_DEPTH) return plain;
  const name = tag.slice(1);
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  return { kind: 'map', start: plain.start, end: plain.end, entries: [{ key, keyStart: plain.start, keyEnd: plain.start, value: plain }] };
}

function fromUntaggedYaml(node: unknown, depth: number): ConfigNode {
  const range = (node as YamlNode | null)?.range ?? [0, 0, 0];
  if (depth > MAX_DEPTH || isAlias(node)) return { kind: 'scalar', start: range[0], end: range[1], value: null };
  if (isMap(node)) {
    const entries: ConfigEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const kr = (pair.key as YamlNode).range ?? [0, 0, 0];
      const value = pair.value == null ? { kind: 'scalar' as const, start: kr[1], end: kr[1], value: null } : fromYaml(pair.value, depth + 1);
      entries.push({ key: String(pair.key.value), keyStart: kr[0], keyEnd: kr[1], value });
    }
    return { kind: 'map', start: range[0], end: range[1], entries };
  }
  if (isSeq(node)) return { kind: 'seq', start: range[0], end: range[1], items: node.items.map((i) => fromYaml(i, depth + 1)) };
  if (isScalar(node)) {
    const v = node.value;
    const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    return { kind: 'scalar', start: range[0], end: range[1], value };
  }
  return { kind: 'scalar', start: range[0], end: range[1], value: null };
}

function parseYamlDocs(text: string): ConfigNode[] {
  const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false });
  if (!Array.isArray(docs)) return [];
  return docs.filter((d) => d.errors.length === 0 && d.contents).map((d) => fromYaml(d.contents, 0));
}

registerConfigParser('yaml', parseYamlDocs);
registerConfigParser('json', parseJson);
registerConfigParser('terraform', parseHcl);
registerConfigParser('dockerfile', parseDockerfile);
