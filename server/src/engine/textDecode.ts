// Decides whether bytes are text, and decodes them as UTF-8 (with a UTF-16 BOM fallback), reporting invalid input.

/** A file with a NUL byte in its first 8 KB is treated as binary, as git does. */
export function isBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return !(i < 2 && hasUtf16Bom(buf));
  return false;
}

function hasUtf16Bom(buf: Uint8Array): boolean {
  return buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
}

/** Offset of the first byte that is not valid UTF-8, or -1. One linear pass. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const lossy = new TextDecoder('utf-8');

/**
 * Decodes text. Binary input is an error. Invalid UTF-8 is decoded with replacement characters and comes back with a
 * `warning` naming the line of the first bad byte, so a scan can go on and still say what it met.
 */
export function decodeText(buf: Uint8Array): { text: string; warning?: string } | { error: string } {
  if (hasUtf16Bom(buf)) {
    const le = buf[0] === 0xff;
    return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf.subarray(2)) };
  }
  if (isBinary(buf)) return { error: 'binary file' };
  const bad = firstInvalidUtf8(buf);
  let text = lossy.decode(buf);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (bad < 0) return { text };
  let line = 1;
  for (let i = 0; i < bad; i++) if (buf[i] === 10) line++;
  return { text, warning: `invalid UTF-8 at line ${line} (byte ${bad}); decoded with replacement characters` };
}
