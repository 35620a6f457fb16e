// Matches config patterns (key paths with value conditions, or absent keys) over parsed documents.
import type { ConfigPattern } from '../types';
import type { CompiledPattern } from '../compile';
import type { ConfigNode } from './configDoc';
import type { FileContext, Match } from './match';

interface Hit {
  node: ConfigNode;
  keyStart: number;
  keyEnd: number;
}

function resolve(node: ConfigNode, segs: string[], i: number, at: Hit, out: Hit[], missing: Hit[] | undefined): void {
  if (i === segs.length) {
    out.push({ node, keyStart: at.keyStart, keyEnd: at.keyEnd });
    return;
  }
  const seg = segs[i];
  if (seg === '**') {
    resolve(node, segs, i + 1, at, out, undefined);
    if (node.kind === 'map') for (const e of node.entries) resolve(e.value, segs, i, { node: e.value, keyStart: e.keyStart, keyEnd: e.keyEnd }, out, undefined);
    if (node.kind === 'seq') for (const it of node.items) resolve(it, segs, i, { node: it, keyStart: it.start, keyEnd: it.start }, out, undefined);
    return;
  }
  if (node.kind === 'map') {
    let found = false;
    for (const e of node.entries) {
      if (seg === '*' || e.key === seg) {
        found = true;
        resolve(e.value, segs, i + 1, { node: e.value, keyStart: e.keyStart, keyEnd: e.keyEnd }, out, missing);
      }
    }
    if (!found && seg !== '*' && missing) missing.push(at);
  } else if (node.kind === 'seq') {
    node.items.forEach((it, idx) => {
      if (seg === '*' || seg === String(idx)) resolve(it, segs, i + 1, { node: it, keyStart: it.start, keyEnd: it.start }, out, missing);
    });
  }
}

const reCache = new Map<string, RegExp>();
function re(src: string): RegExp {
  let r = reCache.get(src);
  if (!r) reCache.set(src, (r = new RegExp(src)));
  return r;
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function valueMatches(cfg: ConfigPattern, node: ConfigNode): boolean {
  const hasValueTest =
    cfg.equals !== undefined || cfg['not-equals'] !== undefined || cfg.in !== undefined || cfg.regex !== undefined ||
    cfg['not-regex'] !== undefined || cfg.gte !== undefined || cfg.lte !== undefined;
  if (!hasValueTest) return true;
  if (node.kind !== 'scalar') return false;
  const v = node.value;
  // YAML and HCL hand back "true" and true alike depending on quoting; compare loosely through strings.
  const same = (a: unknown, b: unknown) => a === b || String(a) === String(b);
  if (cfg.equals !== undefined && !same(v, cfg.equals)) return false;
  if (cfg['not-equals'] !== undefined && same(v, cfg['not-equals'])) return false;
  if (cfg.in !== undefined && !cfg.in.some((x) => same(v, x))) return false;
  if (cfg.regex !== undefined && !re(cfg.regex).test(String(v))) return false;
  if (cfg['not-regex'] !== undefined && re(cfg['not-regex']).test(String(v))) return false;
  if (cfg.gte !== undefined || cfg.lte !== undefined) {
    // A value that is not a number (a variable, a reference) is unknown: the comparison does not hold.
    const n = numeric(v);
    if (n === undefined) return false;
    if (cfg.gte !== undefined && n < cfg.gte) return false;
    if (cfg.lte !== undefined && n > cfg.lte) return false;
  }
  return true;
}

/** The nodes `cfg.path` selects under `base` whose values and `has` conditions hold (for `absent`: the parents lacking the key). */
function hits(cfg: ConfigPattern, base: ConfigNode): Hit[] {
  const segs = cfg.path.split('.').filter((s) => s.length > 0);
  const root: Hit = { node: base, keyStart: base.start, keyEnd: base.start };
  const out: Hit[] = [];
  if (cfg.absent) {
    const missing: Hit[] = [];
    resolve(base, segs, 0, root, out, missing);
    return missing;
  }
  resolve(base, segs, 0, root, out, undefined);
  return out.filter((h) => valueMatches(cfg, h.node) && (!cfg.has || cfg.has.every((c) => hits(c, h.node).length > 0)));
}

/**
 * `report` names a key under the selected node (e.g. the CidrIp of an ingress item); when it is there, the finding sits on
 * it, so it lands on the line a reviewer would mark. Otherwise the finding stays on the selected node's key.
 */
function reportedKey(found: Hit, report: string): Hit {
  const out: Hit[] = [];
  resolve(found.node, report.split('.').filter((s) => s.length > 0), 0, found, out, undefined);
  return out[0] ?? found;
}

export function matchConfig(p: CompiledPattern, ctx: FileContext): Match[] {
  const cfg = p.config!;
  const out: Match[] = [];
  for (const doc of ctx.configDocs()) {
    if (cfg.when && !cfg.when.every((w) => hits(w, doc).length > 0)) continue;
    for (const found of hits(cfg, doc)) {
      const h = cfg.report && !cfg.absent ? reportedKey(found, cfg.report) : found;
      const end = h.keyEnd > h.keyStart ? h.keyEnd : Math.min(ctx.index.lineEnd(ctx.index.lineAt(h.keyStart)), h.keyStart + 200);
      const text = ctx.text.slice(h.keyStart, end);
      const captures = new Map([['match', { start: h.keyStart, end, text }]]);
      // `value` lets a fix replace the offending scalar (`encrypted = false` -> `true`) while the finding sits on the key.
      if (h.node.kind === 'scalar' && h.node.end > h.node.start && !cfg.absent) {
        captures.set('value', { start: h.node.start, end: h.node.end, text: ctx.text.slice(h.node.start, h.node.end) });
      }
      out.push({ start: h.keyStart, end, captures });
    }
  }
  return out;
}
