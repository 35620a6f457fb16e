// Downloads pinned URL packs into the user pack cache: the only network I/O for packs, done by the CLI and the client.
//
// Nothing is written unless the bytes match the sha256 pin, so the cache only ever holds what the config pinned.
// The detached signature `<url>.sig` is fetched alongside when the publisher provides one.
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as path from 'path';
import { cachedFile, cachedSignature, checkPackUrl, sha256Hex, SHA256_RE } from '../engine/packs/cache';
import { ARCHIVE_LIMITS } from '../engine/packs/archive';

export type FetchOutcome =
  | { status: 'cached' | 'downloaded'; file: string; signature: boolean; note?: string }
  | { status: 'error'; error: string };

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 30_000;

/** GETs `url` into memory (following redirects that stay https, or loopback http), refusing bodies over `maxBytes`. */
export function httpGet(url: string, maxBytes: number, redirects = 0): Promise<{ status: number; body: Buffer } | { error: string }> {
  const checked = checkPackUrl(url);
  if ('error' in checked) return Promise.resolve({ error: checked.error });
  const get = checked.url.protocol === 'https:' ? https.get : http.get;
  return new Promise((resolve) => {
    const req = get(checked.url, { timeout: TIMEOUT_MS, headers: { 'user-agent': 'vigil-pack-fetch' } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) return resolve({ error: `too many redirects fetching ${url}` });
        return resolve(httpGet(new URL(res.headers.location, checked.url).href, maxBytes, redirects + 1));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy();
          resolve({ error: `${url} is larger than the ${(maxBytes / 1048576).toFixed(0)} MB limit for a pack` });
        } else chunks.push(c);
      });
      res.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
      res.on('error', (e) => resolve({ error: `download of ${url} failed: ${e.message}` }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => resolve({ error: `cannot download ${url}: ${e.message}` }));
  });
}

function writeAtomic(file: string, data: Buffer | string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/** Makes sure the cache holds the pinned bytes of `url` (and its signature if published). */
export async function fetchPack(url: string, sha256: string | undefined, cacheDir: string): Promise<FetchOutcome> {
  if (!sha256 || !SHA256_RE.test(sha256)) {
    // Without a pin there is nothing to check against: download once to tell the author the hash to pin.
    const got = await httpGet(url, ARCHIVE_LIMITS.compressedBytes);
    if ('error' in got) return { status: 'error', error: got.error };
    if (got.status !== 200) return { status: 'error', error: `${url} answered HTTP ${got.status}` };
    return { status: 'error', error: `${url} has no sha256 pin; after checking the content, pin it with sha256: ${sha256Hex(got.body)}` };
  }
  const file = cachedFile(cacheDir, sha256);
  let note: string | undefined;
  if (fs.existsSync(file)) {
    const current = fs.readFileSync(file);
    if (sha256Hex(current) === sha256) {
      // A signature published after the first fetch (or trust: added later) is picked up; offline, this quietly fails.
      const signature = fs.existsSync(cachedSignature(cacheDir, sha256)) || (await fetchSignature(url, cacheDir, sha256, false));
      return { status: 'cached', file, signature };
    }
    note = 'the cached copy did not match its pin and was downloaded again';
  }
  const got = await httpGet(url, ARCHIVE_LIMITS.compressedBytes);
  if ('error' in got) return { status: 'error', error: got.error };
  if (got.status !== 200) return { status: 'error', error: `${url} answered HTTP ${got.status}` };
  const actual = sha256Hex(got.body);
  if (actual !== sha256) return { status: 'error', error: `sha256 mismatch for ${url}: expected ${sha256}, actual ${actual}; nothing was cached` };
  const signature = await fetchSignature(url, cacheDir, sha256, true);
  writeAtomic(file, got.body);
  return { status: 'downloaded', file, signature, note };
}

/** Caches `<url>.sig` when the publisher provides one; with `replace`, a stale cached signature is removed otherwise. */
async function fetchSignature(url: string, cacheDir: string, sha256: string, replace: boolean): Promise<boolean> {
  const sig = await httpGet(url + '.sig', 4096);
  const sigFile = cachedSignature(cacheDir, sha256);
  if (!('error' in sig) && sig.status === 200) {
    writeAtomic(sigFile, sig.body);
    return true;
  }
  if (replace) fs.rmSync(sigFile, { force: true });
  return false;
}

/**
 * Fetches every pinned URL pack in `sources` that the cache lacks; for `vigil scan` and the editor client to call
 * before loading rules. Returns one line per download or failure (failures also surface when the packs load).
 */
export async function ensurePacksFetched(sources: Array<string | { url?: string; sha256?: string }> | undefined, cacheDir: string): Promise<string[]> {
  const notes: string[] = [];
  for (const src of sources ?? []) {
    if (typeof src === 'string' || src.url === undefined || !src.sha256 || !SHA256_RE.test(src.sha256)) continue;
    if (fs.existsSync(cachedFile(cacheDir, src.sha256))) continue;
    const r = await fetchPack(src.url, src.sha256, cacheDir);
    notes.push(r.status === 'error' ? r.error : `downloaded ${src.url}`);
  }
  return notes;
}
