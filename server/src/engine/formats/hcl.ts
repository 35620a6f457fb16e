// HCL2 (Terraform) parser into the config document model: blocks become nested map entries keyed by type and labels.
// Literals, tuples and objects keep their structure; any expression whose value needs evaluation is a scalar holding
// its source text, so rules comparing literal values stay quiet on it. Never throws: a syntax error keeps what parsed.
import type { ConfigEntry, ConfigNode } from '../matchers/configDoc';
import { isDigit, Scanner } from './hclScan';
import { parseJsonValue } from './json';

type MapNode = Extract<ConfigNode, { kind: 'map' }>;

const MAX_DEPTH = 64;
const BINARY_OPS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%'];

export function parseHcl(text: string): ConfigNode[] {
  const root: MapNode = { kind: 'map', start: 0, end: text.length, entries: [] };
  const s = new Scanner(text);
  try {
    parseBody(s, root.entries, 0, false);
  } catch {
    // Keep the entries parsed so far: entries are attached before their contents are read.
  }
  return [root];
}

function raw(s: Scanner, start: number, end = s.pos): ConfigNode {
  return { kind: 'scalar', start, end, value: s.text.slice(start, end) };
}

/** Reads attributes and blocks until `}` (when nested) or the end of the text. */
function parseBody(s: Scanner, entries: ConfigEntry[], depth: number, nested: boolean): void {
  for (;;) {
    s.skipWs(true);
    if (s.eof()) return;
    if (s.peek() === '}') {
      if (nested) return;
      s.pos++; // a stray close at top level: skip it
      continue;
    }
    const idStart = s.pos;
    const id = s.ident();
    if (!id) {
      skipItem(s);
      continue;
    }
    const idEnd = s.pos;
    s.skipWs(false);
    if (s.peek() === '=' && s.peek(1) !== '=') {
      s.pos++;
      s.skipWs(false);
      const value = parseExpr(s, depth + 1, true);
      entries.push({ key: id, keyStart: idStart, keyEnd: idEnd, value });
      endItem(s);
      continue;
    }
    parseBlock(s, entries, id, idStart, idEnd, depth);
  }
}

/** Skips an unreadable line; a bracket opened on it is skipped whole, so its insides are not misread as a body. */
function skipItem(s: Scanner): void {
  const start = s.pos;
  const c = s.peek();
  if (c === '{' || c === '[' || c === '(') s.skipBalanced();
  else s.skipLine();
  if (s.pos === start) s.pos++;
}

/** After an attribute or block: the rest of the line must be blank; otherwise skip it. */
function endItem(s: Scanner): void {
  s.skipWs(false);
  const c = s.peek();
  if (c === '' || c === '\n' || c === '\r' || c === '}') return;
  s.skipLine(true);
}

function parseBlock(s: Scanner, entries: ConfigEntry[], type: string, typeStart: number, typeEnd: number, depth: number): void {
  const labels: Array<{ key: string; start: number; end: number }> = [];
  for (;;) {
    const c = s.peek();
    if (c === '"') {
      const q = s.quoted();
      labels.push({ key: q.value, start: q.start + 1, end: Math.max(q.start + 1, q.end - 1) });
    } else {
      const st = s.pos;
      const id = s.ident();
      if (!id) break;
      labels.push({ key: id, start: st, end: s.pos });
    }
    s.skipWs(false);
  }
  if (s.peek() !== '{') {
    s.skipLine();
    return;
  }
  const open = s.pos;
  // Build the chain type -> label1 -> ... -> body before reading the body, so a failure keeps the partial body.
  const body: MapNode = { kind: 'map', start: open, end: open, entries: [] };
  const maps: MapNode[] = [];
  let inner: ConfigNode = body;
  for (let i = labels.length - 1; i >= 0; i--) {
    const m: MapNode = { kind: 'map', start: labels[i].start, end: open, entries: [{ key: labels[i].key, keyStart: labels[i].start, keyEnd: labels[i].end, value: inner }] };
    maps.push(m);
    inner = m;
  }
  entries.push({ key: type, keyStart: typeStart, keyEnd: typeEnd, value: inner });
  if (depth >= MAX_DEPTH) {
    s.skipBalanced();
  } else {
    s.pos++;
    parseBody(s, body.entries, depth + 1, true);
    if (s.peek() === '}') s.pos++;
  }
  body.end = s.pos;
  for (const m of maps) m.end = s.pos;
  endItem(s);
}

function binaryOp(s: Scanner): string {
  const two = s.peek() + s.peek(1);
  for (const op of BINARY_OPS) {
    if (op.length === 2 ? two === op : s.peek() === op) return op;
  }
  return '';
}

/**
 * Reads one expression. `nl` says whether a line end ends it (bodies and object constructors) or is a blank
 * (inside tuples, parentheses and function arguments).
 */
function parseExpr(s: Scanner, depth: number, nl: boolean): ConfigNode {
  const start = s.pos;
  const first = parseOperand(s, depth, nl);
  let compound = false;
  for (;;) {
    const save = s.pos;
    s.skipWs(!nl);
    const c = s.peek();
    if (c === '.' && s.peek(1) !== '.') {
      s.pos++;
      if (s.peek() === '*') s.pos++;
      else if (!s.ident()) s.number();
      compound = true;
      continue;
    }
    if (c === '[') {
      s.skipBalanced();
      compound = true;
      continue;
    }
    if (c === '?') {
      s.pos++;
      s.skipWs(true);
      parseExpr(s, depth + 1, nl);
      s.skipWs(true);
      if (s.peek() === ':') {
        s.pos++;
        s.skipWs(true);
        parseExpr(s, depth + 1, nl);
      }
      compound = true;
      continue;
    }
    const op = binaryOp(s);
    if (op && !(op === '<' && s.peek(1) === '<')) {
      s.pos += op.length;
      s.skipWs(true);
      const before = s.pos;
      parseOperand(s, depth + 1, nl);
      if (s.pos === before) {
        s.pos = save;
        break;
      }
      compound = true;
      continue;
    }
    s.pos = save;
    break;
  }
  return compound ? raw(s, start) : first;
}

/** True when the bracket at pos opens a `for` expression. */
function isForExpr(s: Scanner): boolean {
  return /^[[{]\s*for\s/.test(s.text.slice(s.pos, s.pos + 32));
}

function parseOperand(s: Scanner, depth: number, nl: boolean): ConfigNode {
  const start = s.pos;
  const c = s.peek();
  if (depth > MAX_DEPTH) {
    if (c === '{' || c === '[' || c === '(') s.skipBalanced();
    else s.skipLine();
    return raw(s, start);
  }
  if (c === '-' && isDigit(s.peek(1))) {
    s.pos++;
    const n = s.number();
    return { kind: 'scalar', start, end: s.pos, value: -Number(n) };
  }
  if (c === '!' || c === '-') {
    s.pos++;
    s.skipWs(false);
    parseOperand(s, depth + 1, nl);
    return raw(s, start);
  }
  if (isDigit(c)) {
    const n = s.number();
    return { kind: 'scalar', start, end: s.pos, value: Number(n) };
  }
  if (c === '"') return stringNode(s);
  if (c === '<' && s.peek(1) === '<') {
    const h = s.heredoc();
    if (h) return heredocNode(s, h.start, h.end, h.contentStart, h.contentEnd, h.templated);
  }
  if (c === '[') {
    if (isForExpr(s)) {
      s.skipBalanced();
      return raw(s, start);
    }
    return parseTuple(s, depth);
  }
  if (c === '{') {
    if (isForExpr(s)) {
      s.skipBalanced();
      return raw(s, start);
    }
    return parseObject(s, depth);
  }
  if (c === '(') {
    s.skipBalanced();
    return raw(s, start);
  }
  const id = s.ident();
  if (id) {
    if (s.peek() === '(') return callNode(s, id, start, depth);
    if (id === 'true' || id === 'false') return { kind: 'scalar', start, end: s.pos, value: id === 'true' };
    if (id === 'null') return { kind: 'scalar', start, end: s.pos, value: null };
    return raw(s, start);
  }
  if (!s.eof() && c !== '\n' && c !== '\r' && c !== '}' && c !== ']' && c !== ')' && c !== ',') s.pos++;
  return raw(s, start);
}

/** `jsonencode({...})` stands for the object it encodes; any other call is an opaque expression. */
function callNode(s: Scanner, name: string, start: number, depth: number): ConfigNode {
  const open = s.pos;
  if (name === 'jsonencode') {
    s.pos++;
    s.skipWs(true);
    const inner = parseExpr(s, depth + 1, false);
    s.skipWs(true);
    if (s.peek() === ')' && inner.kind !== 'scalar') {
      s.pos++;
      return inner;
    }
    s.pos = open;
  }
  s.skipBalanced();
  return raw(s, start);
}

function stringNode(s: Scanner): ConfigNode {
  const q = s.quoted();
  if (q.templated) return raw(s, q.start, q.end);
  const trimmed = q.value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseJsonValue(q.value, { at: (i) => q.offsets[i] ?? q.end, keyQuotes: false });
    if (json) return json;
  }
  return { kind: 'scalar', start: q.start, end: q.end, value: q.value };
}

function heredocNode(s: Scanner, start: number, end: number, cs: number, ce: number, templated: boolean): ConfigNode {
  const content = s.text.slice(cs, ce);
  const trimmed = content.trim();
  // A JSON policy may hold `${...}` inside its strings and still be valid JSON; try it before giving up.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseJsonValue(content, { at: (i) => cs + i, keyQuotes: false });
    if (json) return json;
  }
  if (templated) return raw(s, start, end);
  return { kind: 'scalar', start, end, value: content };
}

function parseTuple(s: Scanner, depth: number): ConfigNode {
  const start = s.pos;
  s.pos++;
  const items: ConfigNode[] = [];
  for (;;) {
    s.skipWs(true);
    const c = s.peek();
    if (c === '') break;
    if (c === ']') {
      s.pos++;
      break;
    }
    if (c === '}' || c === ')') break; // mismatched bracket: leave it to the enclosing reader
    const before = s.pos;
    items.push(parseExpr(s, depth + 1, false));
    s.skipWs(true);
    if (s.peek() === ',') s.pos++;
    else if (s.pos === before) s.pos++;
  }
  return { kind: 'seq', start, end: s.pos, items };
}

function parseObject(s: Scanner, depth: number): ConfigNode {
  const start = s.pos;
  s.pos++;
  const entries: ConfigEntry[] = [];
  for (;;) {
    s.skipWs(true);
    const c = s.peek();
    if (c === '') break;
    if (c === '}') {
      s.pos++;
      break;
    }
    const before = s.pos;
    const key = parseExpr(s, depth + 1, true);
    s.skipWs(false);
    const sep = s.peek();
    if ((sep === '=' && s.peek(1) !== '=') || sep === ':') {
      s.pos++;
      s.skipWs(false);
      const value = parseExpr(s, depth + 1, true);
      if (key.kind === 'scalar') {
        const quoted = s.text[key.start] === '"' && key.end - key.start >= 2;
        entries.push({
          key: String(key.value),
          keyStart: quoted ? key.start + 1 : key.start,
          keyEnd: quoted ? key.end - 1 : key.end,
          value,
        });
      }
    } else if (s.pos === before) {
      s.pos++;
    } else if (sep === ']' || sep === ')') {
      break; // mismatched bracket: stop here
    }
    s.skipWs(false);
    if (s.peek() === ',') s.pos++;
  }
  return { kind: 'map', start, end: s.pos, entries };
}
