// The user's pack cache: where downloaded pack files and archives live, named by their sha256 pin.
//
// Layout: <cache>/<sha256> holds the bytes as downloaded, <cache>/<sha256>.sig the detached signature when the
// publisher provides one, and <cache>/extracted/<sha256>/ the checked contents of an archive. The engine only reads
// this folder (and re-checks every hash on load); the CLI and the editor client fill it.
import * as crypto from 'crypto';
import * as os from 'os';
import * as path from 'path';

/** `$XDG_CACHE_HOME/vigil/packs`, `%LOCALAPPDATA%\vigil\packs` on Windows, else `~/.cache/vigil/packs`. */
export function defaultPackCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'vigil', 'packs');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'vigil', 'packs');
  return path.join(os.homedir(), '.cache', 'vigil', 'packs');
}

export function cachedFile(cacheDir: string, sha256: string): string {
  return path.join(cacheDir, sha256);
}

export function cachedSignature(cacheDir: string, sha256: string): string {
  return path.join(cacheDir, `${sha256}.sig`);
}

export function extractedDir(cacheDir: string, sha256: string): string {
  return path.join(cacheDir, 'extracted', sha256);
}

export function sha256Hex(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

export const SHA256_RE = /^[0-9a-f]{64}$/;

/** Remote packs: https anywhere, plain http only to this machine (a local mirror or a test server). */
export function checkPackUrl(url: string): { url: URL } | { error: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { error: `"${url}" is not a valid URL` };
  }
  if (u.protocol === 'https:') return { url: u };
  if (u.protocol === 'http:') {
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) return { url: u };
    return { error: `"${url}" uses plain http to a remote host; use https (http is allowed for loopback only)` };
  }
  return { error: `"${url}" must be an https:// URL` };
}
