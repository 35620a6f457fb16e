// Offset-mapped text for the Dockerfile parser: words (quote-aware), JSON exec arrays and shell command splitting.

/** Text assembled from pieces of the source (continuation lines, heredoc bodies), with the source offset of each char. */
export interface Mapped {
  text: string;
  /** offs[i] = source offset of text[i]; offs[text.length] = the offset just after the last char. */
  offs: number[];
}

export interface Word {
  /** Value with quotes removed and escapes applied. */
  value: string;
  /** Raw text as written. */
  raw: string;
  /** Indices into the Mapped text (end exclusive). */
  s: number;
  e: number;
}

/** Source span [start, end) of text[s..e). */
export function srcSpan(m: Mapped, s: number, e: number): [number, number] {
  if (e <= s) return [m.offs[s] ?? 0, m.offs[s] ?? 0];
  return [m.offs[s], m.offs[e - 1] + 1];
}

export function slice(m: Mapped, s: number, e: number): Mapped {
  return { text: m.text.slice(s, e), offs: m.offs.slice(s, e + 1) };
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Splits text[from..to) into words the way Docker splits instruction arguments: whitespace outside quotes. */
export function words(m: Mapped, escape: string, from = 0, to = m.text.length): Word[] {
  const t = m.text;
  const out: Word[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(t[i])) i++;
    if (i >= to) break;
    const s = i;
    let value = '';
    let quote = '';
    while (i < to && (quote || !isSpace(t[i]))) {
      const c = t[i];
      if (quote) {
        if (c === quote) quote = '';
        else if (c === escape && quote === '"' && i + 1 < to) value += t[++i];
        else value += c;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === escape && i + 1 < to) value += t[++i];
      else value += c;
      i++;
    }
    out.push({ value, raw: t.slice(s, i), s, e: i });
  }
  return out;
}

/** Elements of a JSON exec-form array (`["sh", "-c", "..."]`) with their spans, or undefined when it is not one. */
export function jsonArray(m: Mapped, from: number): Word[] | undefined {
  const raw = m.text.slice(from).trim();
  if (!raw.startsWith('[') || !raw.endsWith(']')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return undefined;
  // Find each string token in order to give it a position; the values come from JSON.parse.
  const out: Word[] = [];
  const t = m.text;
  let i = from;
  for (const v of parsed as string[]) {
    while (i < t.length && t[i] !== '"') i++;
    const s = i++;
    while (i < t.length && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
    i++;
    out.push({ value: v, raw: t.slice(s, i), s, e: Math.min(i, t.length) });
  }
  return out;
}

export interface Segment {
  text: string;
  start: number;
  end: number;
}

const LEAD = /^(?:(?:then|do|else|elif|if|while|until|exec|time|!|\{|\()\s+|[({]\s*)+/;

/**
 * Splits a shell command into its list elements (on `&&`, `||`, `;`, `&` and newlines outside quotes), keeping pipelines
 * whole, so that a rule sees `curl … | sh` as one command and reports on the line where it starts.
 */
export function shellCommands(m: Mapped): Segment[] {
  const t = m.text;
  const out: Segment[] = [];
  let quote = '';
  let s = 0;
  const push = (a: number, b: number) => {
    while (a < b && isSpace(t[a])) a++;
    while (b > a && isSpace(t[b - 1])) b--;
    const lead = LEAD.exec(t.slice(a, b));
    if (lead) a += lead[0].length;
    if (b > a) {
      const [start, end] = srcSpan(m, a, b);
      out.push({ text: t.slice(a, b), start, end });
    }
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || isSpace(t[i - 1]))) {
      // A shell comment runs to the end of the line (heredoc bodies keep their newlines).
      push(s, i);
      while (i < t.length && t[i] !== '\n') i++;
      s = i + 1;
      continue;
    }
    const two = t.slice(i, i + 2);
    if (two === '&&' || two === '||') {
      push(s, i);
      s = i + 2;
      i++;
    } else if (c === ';' || c === '\n' || (c === '&' && t[i + 1] !== '>' && t[i - 1] !== '>')) {
      push(s, i);
      s = i + 1;
    }
  }
  push(s, t.length);
  return out;
}
