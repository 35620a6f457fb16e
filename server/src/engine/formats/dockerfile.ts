// Parses a Dockerfile into the config document model (stages of instructions with source offsets) for config rules.
import type { ConfigNode, ConfigEntry } from '../matchers/configDoc';
import { type Mapped, type Word, srcSpan, slice, words, jsonArray, shellCommands } from './dockerfileText';
import { type Instruction, splitLines, readDirectives, readInstructions } from './dockerfileLines';

/*
 * Document shape (one document per file):
 *   { directives: {syntax, escape, ...}, global: {ARG: ...}, stages: [stage...], final: <last stage, same node> }
 * A stage maps each instruction keyword (upper-cased, repeated as written; key span = the keyword) to a map of its
 * parsed pieces plus `args` (the raw argument text). Two derived entries help rules about the image that runs:
 * `user` and `healthcheck`, the value of the stage's last USER / HEALTHCHECK, or the one inherited from an earlier stage
 * that this stage is built FROM; `origin`, the FROM of the first stage of that chain (the external base image). The `final` entry's key span is the final stage's FROM keyword, so an absent-key rule
 * (no USER) reports there.
 */

const MAX_TEXT = 2_000_000;

type Entry = ConfigEntry;
const scalar = (value: string | number | boolean | null, start: number, end: number): ConfigNode => ({ kind: 'scalar', start, end, value });
const entry = (key: string, keyStart: number, keyEnd: number, value: ConfigNode): Entry => ({ key, keyStart, keyEnd, value });
const mapOf = (entries: Entry[], start: number, end: number): ConfigNode => ({ kind: 'map', start, end, entries });

/** Scalar of a word, spanning its source text. */
function wordNode(m: Mapped, w: Word): ConfigNode {
  const [s, e] = srcSpan(m, w.s, w.e);
  return scalar(w.value, s, e);
}

function wordEntry(key: string, m: Mapped, w: Word, value: string = w.value): Entry {
  const [s, e] = srcSpan(m, w.s, w.e);
  return entry(key, s, e, scalar(value, s, e));
}

/** Leading `--name[=value]` flags: entries keyed by name; returns the index of the first non-flag word. */
function readFlags(m: Mapped, ws: Word[], out: Entry[]): number {
  let k = 0;
  for (; k < ws.length && ws[k].value.startsWith('--'); k++) {
    const w = ws[k];
    const eq = w.value.indexOf('=');
    const name = (eq < 0 ? w.value.slice(2) : w.value.slice(2, eq)).toLowerCase();
    if (!name) continue;
    const [s, e] = srcSpan(m, w.s, w.e);
    out.push(entry(name, s, e, scalar(eq < 0 ? 'true' : w.value.slice(eq + 1), s, e)));
  }
  return k;
}

function parseFrom(m: Mapped, ws: Word[], out: Entry[], stageNames: string[]): string | undefined {
  const k = readFlags(m, ws, out);
  const ref = ws[k];
  if (!ref) return undefined;
  const [rs, re] = srcSpan(m, ref.s, ref.e);
  let image = ref.value;
  let digest: string | undefined;
  const at = image.indexOf('@');
  if (at >= 0) {
    digest = image.slice(at + 1);
    image = image.slice(0, at);
  }
  let tag: string | undefined;
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) {
    tag = image.slice(colon + 1);
    image = image.slice(0, colon);
  }
  out.push(entry('image', rs, rs + image.length, scalar(image, rs, rs + image.length)));
  // Offsets within the reference are exact when it is written without quotes or escapes (the usual case).
  const exact = ref.raw === ref.value;
  if (tag !== undefined) {
    const ts = exact ? rs + image.length + 1 : rs;
    out.push(entry('tag', ts, exact ? ts + tag.length : re, scalar(tag, ts, exact ? ts + tag.length : re)));
  }
  if (digest !== undefined) {
    const ds = exact ? rs + at + 1 : rs;
    out.push(entry('digest', ds, re, scalar(digest, ds, re)));
  }
  out.push(entry('ref', rs, re, scalar(ref.value, rs, re)));
  const base = stageNames.indexOf(ref.value.toLowerCase());
  if (base >= 0) out.push(entry('stage', rs, re, scalar(stageNames[base], rs, re)));
  const as = ws[k + 1];
  const name = ws[k + 2];
  if (as && name && as.value.toLowerCase() === 'as') {
    out.push(wordEntry('as', m, name));
    return name.value.toLowerCase();
  }
  return undefined;
}

/** ENV/ARG: `vars` maps each name to {name, value}, so rules can test the name and the value of one variable. */
function parseVars(m: Mapped, ws: Word[], keyword: string, out: Entry[]): void {
  const vars: Entry[] = [];
  const legacy = keyword === 'ENV' && ws.length > 0 && !ws[0].value.includes('=');
  const one = (nameWord: Word, name: string, nameEnd: number, value?: ConfigNode) => {
    const [ns] = srcSpan(m, nameWord.s, nameWord.e);
    const nameNode = scalar(name, ns, ns + nameEnd);
    const es: Entry[] = [entry('name', ns, ns + nameEnd, nameNode)];
    if (value) es.push(entry('value', value.start, value.end, value));
    vars.push(entry(name, ns, ns + nameEnd, mapOf(es, ns, value ? value.end : ns + nameEnd)));
  };
  if (legacy) {
    // `ENV NAME value with spaces`: the value is the rest of the line.
    const n = ws[0];
    const rest = ws.slice(1);
    const value = rest.length
      ? scalar(rest.map((w) => w.value).join(' '), ...srcSpan(m, rest[0].s, rest[rest.length - 1].e))
      : undefined;
    one(n, n.value, n.raw.length, value);
  } else {
    for (const w of ws) {
      const eq = w.value.indexOf('=');
      const name = eq < 0 ? w.value : w.value.slice(0, eq);
      if (!name) continue;
      const rawEq = w.raw.indexOf('=');
      if (eq < 0 || rawEq < 0) {
        one(w, name, Math.min(name.length, w.raw.length));
        continue;
      }
      const [vs, ve] = srcSpan(m, w.s + rawEq + 1, w.e);
      one(w, name, rawEq, scalar(w.value.slice(eq + 1), vs, ve));
    }
  }
  if (vars.length) out.push(entry('vars', vars[0].keyStart, vars[0].keyEnd, mapOf(vars, vars[0].value.start, vars[vars.length - 1].value.end)));
}

const SHELL_HEAD = /^\s*(?:(?:\S*\/)?(?:env\s+)?(?:ba|da|a|z)?sh)?(?:\s+-[-\w]+)*\s*$/;

/** RUN/CMD/ENTRYPOINT: `command` (one string), `form` and `commands` (the shell list elements, each with its span). */
function parseCommand(ins: Instruction, m: Mapped, at: number, out: Entry[]): void {
  let from = at;
  while (from < m.text.length && /\s/.test(m.text[from])) from++;
  const exec = jsonArray(m, from);
  const items: ConfigNode[] = [];
  let command: string;
  if (exec) {
    command = exec.map((w) => w.value).join(' ');
    const c = exec.findIndex((w) => w.value === '-c');
    const shell = c > 0 && /(^|\/)(ba|da|a|z)?sh$/.test(exec[0].value) && exec[c + 1];
    if (shell) {
      // The script of `["sh", "-c", "..."]`: offsets are exact when the JSON string holds no escapes.
      const w = exec[c + 1];
      const inner = w.raw.slice(1, -1);
      const script: Mapped =
        inner === w.value
          ? slice(m, w.s + 1, w.e - 1)
          : { text: w.value, offs: new Array<number>(w.value.length + 1).fill(m.offs[w.s]) };
      for (const seg of shellCommands(script)) items.push(scalar(seg.text, seg.start, seg.end));
    } else if (exec.length) {
      const [s, e] = srcSpan(m, exec[0].s, exec[exec.length - 1].e);
      items.push(scalar(command, s, e));
    }
  } else {
    const rest = slice(m, from, m.text.length);
    command = rest.text.trim();
    for (const seg of shellCommands(rest)) items.push(scalar(seg.text, seg.start, seg.end));
    // A heredoc body is a script only when it feeds a shell (`RUN <<EOF`, `RUN bash <<EOF`), not `cat > file`.
    const head = rest.text.slice(0, rest.text.search(/<<-?["']?[A-Za-z_]/));
    ins.heredocs.forEach((body, idx) => {
      command += '\n' + body.text;
      if (idx === 0 && SHELL_HEAD.test(head)) {
        const joined = joinContinuations(body);
        for (const seg of shellCommands(joined)) items.push(scalar(seg.text, seg.start, seg.end));
      }
    });
  }
  const [as, ae] = srcSpan(m, from, m.text.length);
  out.push(entry('command', as, ae, scalar(command, as, ae)));
  out.push(entry('form', ins.kwStart, ins.kwEnd, scalar(exec ? 'exec' : 'shell', ins.kwStart, ins.kwEnd)));
  if (items.length) out.push(entry('commands', as, ae, { kind: 'seq', start: as, end: ae, items }));
}

/** Shell line continuations inside a heredoc script: `\` + newline disappears. */
function joinContinuations(b: Mapped): Mapped {
  const out: Mapped = { text: '', offs: [] };
  for (let i = 0; i < b.text.length; i++) {
    if (b.text[i] === '\\' && b.text[i + 1] === '\n') {
      i++;
      continue;
    }
    out.text += b.text[i];
    out.offs.push(b.offs[i]);
  }
  out.offs.push(b.offs[b.text.length]);
  return out;
}

function parseCopy(m: Mapped, ws: Word[], from: number, out: Entry[]): void {
  const k = readFlags(m, ws, out);
  const at = k < ws.length ? ws[k].s : m.text.length;
  const files = jsonArray(m, at) ?? ws.slice(k);
  if (files.length < 1) return;
  const sources = files.slice(0, -1);
  const dest = files[files.length - 1];
  const [ss, se] = sources.length ? srcSpan(m, sources[0].s, sources[sources.length - 1].e) : srcSpan(m, from, from);
  out.push(entry('sources', ss, se, { kind: 'seq', start: ss, end: se, items: sources.map((w) => wordNode(m, w)) }));
  out.push(wordEntry('dest', m, dest));
}

function parseInstruction(ins: Instruction, stageNames: string[], escape: string): { node: ConfigNode; name?: string } {
  const m = ins.line;
  const from = ins.argsAt;
  const ws = words(m, escape, from);
  const es: Entry[] = [];
  const [as, ae] = srcSpan(m, from, m.text.length);
  const argsText = m.text.slice(from).trim();
  const lead = m.text.slice(from).length - m.text.slice(from).trimStart().length;
  es.push(entry('args', as + lead, ae, scalar(argsText, as + lead, ae)));
  let name: string | undefined;
  switch (ins.keyword) {
    case 'FROM':
      name = parseFrom(m, ws, es, stageNames);
      break;
    case 'RUN': {
      const k = readFlags(m, ws, es);
      parseCommand(ins, m, k < ws.length ? ws[k].s : m.text.length, es);
      break;
    }
    case 'CMD':
    case 'ENTRYPOINT':
      parseCommand(ins, m, from, es);
      break;
    case 'ADD':
    case 'COPY':
      parseCopy(m, ws, from, es);
      break;
    case 'ENV':
    case 'ARG':
      parseVars(m, ws, ins.keyword, es);
      break;
    case 'USER':
      if (ws[0]) {
        const [s] = srcSpan(m, ws[0].s, ws[0].e);
        const [user, group] = ws[0].value.split(':', 2);
        es.push(entry('user', s, s + user.length, scalar(user, s, s + user.length)));
        if (group !== undefined) es.push(entry('group', s + user.length + 1, s + ws[0].raw.length, scalar(group, s + user.length + 1, s + ws[0].raw.length)));
      }
      break;
    case 'EXPOSE': {
      const ports = ws.map((w) => wordNode(m, w));
      if (ports.length) es.push(entry('ports', ports[0].start, ports[ports.length - 1].end, { kind: 'seq', start: ports[0].start, end: ports[ports.length - 1].end, items: ports }));
      break;
    }
    case 'HEALTHCHECK': {
      const k = readFlags(m, ws, es);
      const w = ws[k];
      if (w && w.value.toUpperCase() === 'NONE') es.push(wordEntry('none', m, w, 'true'));
      else if (w && w.value.toUpperCase() === 'CMD') parseCommand(ins, m, w.e, es);
      break;
    }
    case 'WORKDIR':
    case 'SHELL':
    case 'STOPSIGNAL':
      if (ws[0]) es.push(wordEntry('value', m, ws[0]));
      break;
  }
  return { node: mapOf(es, ins.start, ins.end), name };
}

export function parseDockerfile(text: string): ConfigNode[] {
  if (typeof text !== 'string' || text.length > MAX_TEXT) return [];
  const lines = splitLines(text);
  const { entries: directives, escape } = readDirectives(lines);
  const instructions = readInstructions(lines, escape);
  const root: Entry[] = [];
  if (directives.length) root.push(entry('directives', directives[0].keyStart, directives[0].keyEnd, mapOf(directives, directives[0].keyStart, directives[directives.length - 1].value.end)));
  const global: Entry[] = [];
  const stages: Array<{ node: ConfigNode & { kind: 'map' }; fromStart: number; fromEnd: number; base?: number }> = [];
  const stageNames: string[] = [];
  for (const ins of instructions) {
    const { node, name } = parseInstruction(ins, stageNames, escape);
    const e = entry(ins.keyword, ins.kwStart, ins.kwEnd, node);
    if (ins.keyword === 'FROM') {
      const ref = node.kind === 'map' ? node.entries.find((x) => x.key === 'stage') : undefined;
      const base = ref && ref.value.kind === 'scalar' ? stageNames.lastIndexOf(String(ref.value.value)) : -1;
      stages.push({ node: { kind: 'map', start: ins.start, end: ins.end, entries: [e] }, fromStart: ins.kwStart, fromEnd: ins.kwEnd, base: base >= 0 ? base : undefined });
      stageNames.push(name ?? `\u0000${stages.length - 1}`);
    } else if (stages.length) {
      const st = stages[stages.length - 1].node;
      st.entries.push(e);
      st.end = ins.end;
    } else {
      global.push(e);
    }
  }
  // Derived `user` / `healthcheck`: the last one in the stage, else the one inherited from the stage it is built on;
  // `origin`: the FROM of the stage at the start of that chain, i.e. the external image the stage really runs.
  stages.forEach((st, idx) => {
    const inheritedOrigin = st.base !== undefined && st.base < idx ? stages[st.base].node.entries.find((x) => x.key === 'origin') : undefined;
    const origin = inheritedOrigin ?? st.node.entries[0];
    st.node.entries.push(entry('origin', origin.keyStart, origin.keyEnd, origin.value));
    for (const [kw, key] of [['USER', 'user'], ['HEALTHCHECK', 'healthcheck']] as const) {
      const own = [...st.node.entries].reverse().find((x) => x.key === kw);
      const inherited = st.base !== undefined && st.base < idx ? stages[st.base].node.entries.find((x) => x.key === key) : undefined;
      const src = own ?? inherited;
      if (src) st.node.entries.push(entry(key, src.keyStart, src.keyEnd, src.value));
    }
  });
  if (global.length) root.push(entry('global', global[0].keyStart, global[0].keyEnd, mapOf(global, global[0].value.start, global[global.length - 1].value.end)));
  if (stages.length) {
    const first = stages[0].node;
    const last = stages[stages.length - 1];
    root.push(entry('stages', first.start, first.start, { kind: 'seq', start: first.start, end: last.node.end, items: stages.map((s) => s.node) }));
    root.push(entry('final', last.fromStart, last.fromEnd, last.node));
  }
  return [mapOf(root, 0, text.length)];
}
