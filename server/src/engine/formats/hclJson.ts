// Strict JSON reader producing config nodes with source offsets, for JSON policies held in HCL strings and heredocs.
import type { ConfigEntry, ConfigNode } from '../matchers/configDoc';

const MAX_DEPTH = 64;

class JsonError extends Error {}

/**
 * Parses `text` as one JSON value (surrounding blanks allowed). `at(i)` maps an index of `text` to a source
 * offset, so nodes point into the HCL file even when the JSON came out of an escaped string.
 * Returns undefined when the text is not valid JSON.
 */
export function parseJsonNodes(text: string, at: (i: number) => number): ConfigNode | undefined {
  let p = 0;
  const fail = (): never => {
    throw new JsonError();
  };
  const ws = () => {
    while (p < text.length && (text[p] === ' ' || text[p] === '\t' || text[p] === '\n' || text[p] === '\r')) p++;
  };
  const str = (): string => {
    if (text[p] !== '"') fail();
    p++;
    let out = '';
    for (;;) {
      if (p >= text.length) fail();
      const c = text[p];
      if (c === '"') {
        p++;
        return out;
      }
      if (c < ' ') fail();
      if (c === '\\') {
        const n = text[p + 1];
        if (n === 'u') {
          const hex = text.slice(p + 2, p + 6);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) fail();
          out += String.fromCharCode(parseInt(hex, 16));
          p += 6;
          continue;
        }
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (!(n in map)) fail();
        out += map[n];
        p += 2;
        continue;
      }
      out += c;
      p++;
    }
  };
  // `end` of a node is the source offset just after its last character.
  const endAt = (i: number) => at(i - 1) + 1;
  const value = (depth: number): ConfigNode => {
    if (depth > MAX_DEPTH) fail();
    ws();
    const s = p;
    const c = text[p];
    if (c === '{') {
      p++;
      const entries: ConfigEntry[] = [];
      ws();
      if (text[p] === '}') p++;
      else {
        for (;;) {
          ws();
          const ks = p;
          const key = str();
          const ke = p;
          ws();
          if (text[p] !== ':') fail();
          p++;
          const v = value(depth + 1);
          entries.push({ key, keyStart: at(ks + 1), keyEnd: endAt(ke - 1), value: v });
          ws();
          if (text[p] === ',') {
            p++;
            continue;
          }
          if (text[p] === '}') {
            p++;
            break;
          }
          fail();
        }
      }
      return { kind: 'map', start: at(s), end: endAt(p), entries };
    }
    if (c === '[') {
      p++;
      const items: ConfigNode[] = [];
      ws();
      if (text[p] === ']') p++;
      else {
        for (;;) {
          items.push(value(depth + 1));
          ws();
          if (text[p] === ',') {
            p++;
            continue;
          }
          if (text[p] === ']') {
            p++;
            break;
          }
          fail();
        }
      }
      return { kind: 'seq', start: at(s), end: endAt(p), items };
    }
    if (c === '"') {
      const v = str();
      return { kind: 'scalar', start: at(s), end: endAt(p), value: v };
    }
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
    m.lastIndex = p;
    const r = m.exec(text);
    if (!r) fail();
    p += r![0].length;
    const lit = r![0];
    const v = lit === 'true' ? true : lit === 'false' ? false : lit === 'null' ? null : Number(lit);
    return { kind: 'scalar', start: at(s), end: endAt(p), value: v };
  };
  try {
    const node = value(0);
    ws();
    return p === text.length ? node : undefined;
  } catch (e) {
    if (e instanceof JsonError) return undefined;
    throw e;
  }
}
