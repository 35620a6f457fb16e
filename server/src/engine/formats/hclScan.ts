// Low-level HCL scanning: whitespace and comments, identifiers, numbers, quoted templates, heredocs and balanced skips.
// Every method advances or reports failure without throwing, so a malformed file never stalls the parser.

export interface QuotedString {
  start: number; // offset of the opening quote
  end: number; // offset after the closing quote (or where the string was cut off)
  /** The unescaped text; meaningful only when `templated` is false. */
  value: string;
  /** Source offset of each character of `value` (for JSON parsed out of the string). */
  offsets: number[];
  /** The string holds `${...}` or `%{...}`: its value depends on evaluation. */
  templated: boolean;
}

export interface Heredoc {
  start: number;
  end: number; // offset after the closing marker
  contentStart: number;
  contentEnd: number;
  templated: boolean;
}

const HEREDOC_HEAD = /<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;

function isIdStart(c: string): boolean {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c === '_') return true;
  return c > '\x7f' && /\p{L}/u.test(c);
}

function isIdPart(c: string): boolean {
  if (isIdStart(c)) return true;
  if (c >= '0' && c <= '9') return true;
  if (c === '-') return true;
  return c > '\x7f' && /[\p{N}\p{Mn}\p{Mc}]/u.test(c);
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  /** The character at pos + o, or '' past the end. */
  peek(o = 0): string {
    return this.text.charAt(this.pos + o);
  }

  eof(): boolean {
    return this.pos >= this.text.length;
  }

  /** Skips blanks and comments; crosses line ends only when `nl` is true. */
  skipWs(nl: boolean): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\f' || c === '\ufeff') this.pos++;
      else if (c === '\r' && t[this.pos + 1] !== '\n') this.pos++;
      else if (c === '\n' || c === '\r') {
        if (!nl) return;
        this.pos++;
      } else if (c === '#' || (c === '/' && t[this.pos + 1] === '/')) {
        while (this.pos < t.length && t[this.pos] !== '\n' && t[this.pos] !== '\r') this.pos++;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const close = t.indexOf('*/', this.pos + 2);
        this.pos = close < 0 ? t.length : close + 2;
      } else return;
    }
  }

  /** Reads an identifier (letters, digits, `_`, `-`; `::` joins provider-namespaced function names). */
  ident(): string {
    const t = this.text;
    const start = this.pos;
    if (!isIdStart(t.charAt(start))) return '';
    let p = start + 1;
    for (;;) {
      if (p < t.length && isIdPart(t[p])) p++;
      else if (t[p] === ':' && t[p + 1] === ':' && isIdStart(t.charAt(p + 2))) p += 2;
      else break;
    }
    this.pos = p;
    return t.slice(start, p);
  }

  /** Reads a decimal number literal; returns '' (and does not move) when there is none. */
  number(): string {
    const m = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r) return '';
    this.pos += r[0].length;
    return r[0];
  }

  /** Skips from an opening `${`/`%{` brace to after its matching `}`. */
  private skipInterpolation(): void {
    this.skipBalanced();
  }

  /** Scans a quoted template at pos (which must be `"`). A raw line end outside interpolation cuts it off. */
  quoted(): QuotedString {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let value = '';
    const offsets: number[] = [];
    let templated = false;
    while (p < t.length) {
      const c = t[p];
      if (c === '"') {
        p++;
        break;
      }
      if (c === '\n' || c === '\r') break;
      if (c === '\\') {
        const n = t.charAt(p + 1);
        if (n === 'u' || n === 'U') {
          const len = n === 'u' ? 4 : 8;
          const hex = t.slice(p + 2, p + 2 + len);
          const cp = /^[0-9A-Fa-f]+$/.test(hex) ? parseInt(hex, 16) : NaN;
          const s = Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
          for (let i = 0; i < s.length; i++) offsets.push(p);
          value += s;
          p += 2 + len;
        } else {
          value += ESCAPES[n] ?? n;
          offsets.push(p);
          p += 2;
        }
        continue;
      }
      if ((c === '$' || c === '%') && t[p + 1] === c && t[p + 2] === '{') {
        // `$${` and `%%{` are literal `${` and `%{`.
        value += c + '{';
        offsets.push(p, p + 2);
        p += 3;
        continue;
      }
      if ((c === '$' || c === '%') && t[p + 1] === '{') {
        templated = true;
        this.pos = p + 1;
        this.skipInterpolation();
        p = this.pos;
        continue;
      }
      value += c;
      offsets.push(p);
      p++;
    }
    this.pos = p;
    return { start, end: p, value, offsets, templated };
  }

  /** Scans a heredoc at pos if one starts there; otherwise returns undefined without moving. */
  heredoc(): Heredoc | undefined {
    const t = this.text;
    HEREDOC_HEAD.lastIndex = this.pos;
    const m = HEREDOC_HEAD.exec(t);
    if (!m) return undefined;
    const start = this.pos;
    const marker = m[2];
    const contentStart = this.pos + m[0].length;
    let lineStart = contentStart;
    let contentEnd = t.length;
    let end = t.length;
    while (lineStart < t.length) {
      let nl = t.indexOf('\n', lineStart);
      if (nl < 0) nl = t.length;
      const line = t.slice(lineStart, nl).trim();
      if (line === marker) {
        contentEnd = lineStart;
        end = lineStart + t.slice(lineStart, nl).indexOf(marker) + marker.length;
        break;
      }
      lineStart = nl + 1;
    }
    const body = t.slice(contentStart, contentEnd);
    const templated = /(?:^|[^$])\$\{|(?:^|[^%])%\{/.test(body);
    this.pos = end;
    return { start, end, contentStart, contentEnd, templated };
  }

  /**
   * Skips from an opening bracket at pos to after its matching close, stepping over strings, heredocs and
   * comments. Bracket kinds are not checked against each other: this is for recovery and raw expressions.
   */
  skipBalanced(): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '"') {
        this.quoted();
        continue;
      }
      if (c === '<' && t[this.pos + 1] === '<' && this.heredoc()) continue;
      if (c === '#' || (c === '/' && (t[this.pos + 1] === '/' || t[this.pos + 1] === '*'))) {
        const before = this.pos;
        this.skipWs(false);
        if (this.pos === before) this.pos++;
        continue;
      }
      this.pos++;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth <= 0) return;
      }
    }
  }

  /**
   * Skips the rest of the current line (for recovery), stepping over strings so a `#` in one is not a comment. With
   * `stopAtClose`, stops before a `}` that no bracket opened on this line: it closes the enclosing block.
   */
  skipLine(stopAtClose = false): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < t.length && t[this.pos] !== '\n') {
      const c = t[this.pos];
      if (c === '"') {
        this.quoted();
        continue;
      }
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') {
        if (depth === 0 && c === '}' && stopAtClose) return;
        depth = Math.max(0, depth - 1);
      }
      this.pos++;
    }
  }
}
