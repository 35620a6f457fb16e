// Dockerfile lines to instructions: parser directives, line continuations, comments and heredoc bodies, with offsets.
import type { ConfigEntry } from '../matchers/configDoc';
import type { Mapped } from './dockerfileText';

export interface Line {
  text: string;
  start: number;
}

export interface Instruction {
  keyword: string;
  kwStart: number;
  kwEnd: number;
  /** The logical line (continuations joined) and where the arguments start in it. */
  line: Mapped;
  argsAt: number;
  heredocs: Mapped[];
  start: number;
  end: number;
}

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const raw = text.slice(start, i);
      out.push({ text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start });
      start = i + 1;
    }
  }
  return out;
}

const isComment = (l: string) => /^\s*#/.test(l);
const isBlank = (l: string) => /^\s*$/.test(l);

/** Parser directives: `# name=value` lines at the very top, before any blank line, comment or instruction. */
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);

export function readDirectives(lines: Line[]): { entries: ConfigEntry[]; escape: string } {
  const entries: ConfigEntry[] = [];
  let escape = '\\';
  for (const l of lines) {
    const m = /^(\s*#\s*)([A-Za-z][\w-]*)(\s*=\s*)(.*?)\s*$/.exec(l.text);
    if (!m) break;
    const name = m[2].toLowerCase();
    // An unknown or repeated directive is a comment, and a comment ends the directives.
    if (!KNOWN_DIRECTIVES.has(name) || entries.some((e) => e.key === name)) break;
    const ks = l.start + m[1].length;
    const vs = ks + m[2].length + m[3].length;
    entries.push({ key: name, keyStart: ks, keyEnd: ks + m[2].length, value: { kind: 'scalar', start: vs, end: vs + m[4].length, value: m[4] } });
    if (name === 'escape' && (m[4] === '`' || m[4] === '\\')) escape = m[4];
  }
  return { entries, escape };
}

function continued(l: string, escape: string): number {
  // Index of the escape char that ends the line (followed only by blanks), or -1.
  let e = l.length;
  while (e > 0 && (l[e - 1] === ' ' || l[e - 1] === '\t')) e--;
  return e > 0 && l[e - 1] === escape ? e - 1 : -1;
}

const HEREDOC = /<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/g;

/** Groups physical lines into instructions: continuations joined, comments dropped, heredoc bodies attached. */
export function readInstructions(lines: Line[], escape: string): Instruction[] {
  const out: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    if (isBlank(first.text) || isComment(first.text)) {
      i++;
      continue;
    }
    const line: Mapped = { text: '', offs: [] };
    const add = (l: Line, upTo: number) => {
      line.text += l.text.slice(0, upTo);
      for (let k = 0; k < upTo; k++) line.offs.push(l.start + k);
    };
    let cur = first;
    for (;;) {
      const c = continued(cur.text, escape);
      if (c < 0) {
        add(cur, cur.text.length);
        i++;
        break;
      }
      add(cur, c);
      i++;
      // Comment lines and blank lines inside a continuation are removed, as Docker does.
      while (i < lines.length && (isComment(lines[i].text) || isBlank(lines[i].text))) i++;
      if (i >= lines.length) break;
      cur = lines[i];
    }
    const endOff = line.offs.length ? line.offs[line.offs.length - 1] + 1 : first.start;
    line.offs.push(endOff);
    const kw = /^(\s*)([A-Za-z][A-Za-z0-9_-]*)/.exec(line.text);
    if (!kw) continue;
    const keyword = kw[2].toUpperCase();
    const argsAt = kw[0].length;
    const heredocs: Mapped[] = [];
    let end = endOff;
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      for (const h of line.text.slice(argsAt).matchAll(HEREDOC)) {
        const body: Mapped = { text: '', offs: [] };
        while (i < lines.length) {
          const l = lines[i++];
          const t = h[1] ? l.text.replace(/^\t+/, '') : l.text;
          if (t === h[3]) {
            end = l.start + l.text.length;
            break;
          }
          const skip = l.text.length - t.length;
          if (body.text) {
            body.text += '\n';
            body.offs.push(l.start - 1);
          }
          body.text += t;
          for (let k = 0; k < t.length; k++) body.offs.push(l.start + skip + k);
          end = l.start + l.text.length;
        }
        body.offs.push(end);
        heredocs.push(body);
      }
    }
    const kwStart = line.offs[kw[1].length];
    out.push({ keyword, kwStart, kwEnd: kwStart + kw[2].length, line, argsAt, heredocs, start: kwStart, end });
  }
  return out;
}

