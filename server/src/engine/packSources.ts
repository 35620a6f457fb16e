// Resolves non-path pack sources named in config: npm packages in the workspace and sha256-pinned URLs in the cache.
//
// No network I/O happens here: the CLI (`vigil packs fetch`) and the editor client download URL packs into the user
// cache; this module only reads that cache, re-checks the pin and the signature on every load, and extracts archives
// through the checks in packs/archive.ts. Any failure refuses the whole source, so a half-trusted pack never loads.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Problem } from './types';
import type { PackSource } from './config';
import { loadPackFile, loadPackText, packFilesIn, type LoadedPack } from './packLoader';
import { isDirectory, readFileLimited } from './nodeFs';
import { decodeText } from './textDecode';
import { ARCHIVE_LIMITS, isGzip, materializeArchive, readArchive } from './packs/archive';
import { cachedFile, cachedSignature, checkPackUrl, defaultPackCacheDir, extractedDir, sha256Hex, SHA256_RE } from './packs/cache';
import { parsePublicKey, verifySignature } from './packs/signature';

/** A loaded pack plus how its integrity was established, for PackInfo.verification. */
export type SourcedPack = LoadedPack & { verification?: string };
export type SourceResult = { packs: SourcedPack[]; problems: Problem[] };

export interface SourceResolverOptions {
  /** The pack cache (default: defaultPackCacheDir()). */
  cacheDir?: string;
  /** Team public keys from config `trust:`; when present, URL packs must carry a signature by one of them. */
  trust?: string[];
}

const NPM_NAME = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/;

/** A stable label for a source, used in the lock file and in messages. */
export function sourceLabel(src: PackSource): string {
  if (typeof src === 'string') return `path:${src}`;
  if (src.path !== undefined) return `path:${src.path}`;
  if (src.npm !== undefined) return `npm:${src.npm}`;
  if (src.url !== undefined) return `url:${src.url}`;
  return JSON.stringify(src);
}

function err(file: string, message: string): SourceResult {
  return { packs: [], problems: [{ file, message, severity: 'error' }] };
}

/** Loads a pack file or folder of packs, labelling each pack with `source`. */
export function loadPathAs(p: string, source: string, displayFile?: string): SourceResult {
  const files = isDirectory(p) ? packFilesIn(p) : fs.existsSync(p) ? [p] : [];
  if (files.length === 0) return err(displayFile ?? p, isDirectory(p) ? 'folder holds no rule pack (pack.yaml or *.yaml)' : 'rule pack not found');
  const out: SourceResult = { packs: [], problems: [] };
  for (const f of files) {
    const r = loadPackFile(f, source);
    out.problems.push(...r.problems);
    if (r.pack) out.packs.push(r.pack);
  }
  return out;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The pack paths a package names in package.json (`vigil.packs`, or the key "vigil.packs"), default its folder. */
export function packageManifestPacks(pkg: Record<string, unknown>): string[] | { error: string } {
  const v = pkg.vigil as { packs?: unknown } | undefined;
  const named = (v && typeof v === 'object' ? v.packs : undefined) ?? pkg['vigil.packs'];
  if (named === undefined) return ['.'];
  const list = typeof named === 'string' ? [named] : named;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x.length > 0)) return { error: 'package.json "vigil.packs" must be a path or a non-empty list of paths' };
  return list as string[];
}

/** Loads the packs a package folder names, refusing paths (or symlinks) that leave the folder. */
export function loadPackageFolder(dir: string, source: string, label: string): SourceResult & { version?: string } {
  const pkgFile = path.join(dir, 'package.json');
  const read = readFileLimited(pkgFile, 1024 * 1024);
  let pkg: Record<string, unknown> = {};
  if (read.ok) {
    try {
      pkg = JSON.parse(read.data.toString('utf8')) as Record<string, unknown>;
    } catch (e) {
      return err(pkgFile, `${label}: package.json is not valid JSON: ${(e as Error).message}`);
    }
  } else if (fs.existsSync(pkgFile)) return err(pkgFile, `${label}: cannot read package.json: ${read.error}`);
  const entries = packageManifestPacks(pkg);
  if ('error' in entries) return err(pkgFile, `${label}: ${entries.error}`);
  const realDir = fs.realpathSync(dir);
  const out: SourceResult = { packs: [], problems: [] };
  for (const e of entries) {
    const p = path.resolve(realDir, e);
    let real: string;
    try {
      real = fs.realpathSync(p);
    } catch {
      out.problems.push({ file: pkgFile, message: `${label}: pack "${e}" named in package.json does not exist`, severity: 'error' });
      continue;
    }
    if (!isInside(real, realDir)) {
      out.problems.push({ file: pkgFile, message: `${label}: pack "${e}" points outside the package folder; refused`, severity: 'error' });
      continue;
    }
    const r = loadPathAs(real, source);
    out.packs.push(...r.packs);
    out.problems.push(...r.problems);
  }
  return { ...out, version: typeof pkg.version === 'string' ? pkg.version : undefined };
}

/** Where an npm source is installed in the workspace, or why it cannot be used. */
export function npmPackageDir(name: string, root: string): { dir: string } | { error: string } {
  if (!NPM_NAME.test(name)) return { error: `"${name}" is not a valid npm package name` };
  const dir = path.join(root, 'node_modules', ...name.split('/'));
  if (!isDirectory(dir)) return { error: `npm package ${name} is not installed in ${path.join(root, 'node_modules')} (run npm install)` };
  return { dir };
}

function resolveNpm(name: string, root: string): SourceResult {
  const label = `npm:${name}`;
  const where = npmPackageDir(name, root);
  if ('error' in where) return err(label, where.error);
  const r = loadPackageFolder(where.dir, label, label);
  const source = `npm:${name}${r.version ? '@' + r.version : ''}`;
  for (const p of r.packs) {
    p.source = source;
    p.verification = `npm package ${name}${r.version ? '@' + r.version : ''} (installed; integrity is npm's lockfile)`;
  }
  return { packs: r.packs, problems: r.problems };
}

/** Reads the cached bytes of a pinned URL and checks them: pin, signature, archive safety. */
export function readPinnedUrl(url: string, sha256: string | undefined, opts: Required<SourceResolverOptions>): { data: Buffer; verification: string } | { error: string } {
  const ok = checkPackUrl(url);
  if ('error' in ok) return ok;
  if (!sha256) return { error: `URL pack ${url} has no sha256 pin; add sha256: <hash> (vigil packs fetch prints it)` };
  if (!SHA256_RE.test(sha256)) return { error: `sha256 pin for ${url} must be 64 lowercase hex digits` };
  const file = cachedFile(opts.cacheDir, sha256);
  if (!fs.existsSync(file)) return { error: `pack ${url} is not in the cache (${file}); run "vigil packs fetch" while online` };
  const read = readFileLimited(file, ARCHIVE_LIMITS.compressedBytes);
  if (!read.ok) return { error: `cannot read cached pack ${file}: ${read.error}` };
  const actual = sha256Hex(read.data);
  if (actual !== sha256) {
    return { error: `sha256 mismatch for ${url}: expected ${sha256}, actual ${actual} (the cached copy ${file} was changed; nothing from this pack is loaded — delete it and run "vigil packs fetch")` };
  }
  let verification = `sha256 ${sha256.slice(0, 12)}… verified`;
  const sigFile = cachedSignature(opts.cacheDir, sha256);
  const hasSig = fs.existsSync(sigFile);
  if (opts.trust.length > 0) {
    const keys = [];
    for (const [i, t] of opts.trust.entries()) {
      const k = parsePublicKey(t);
      if ('error' in k) return { error: `trust: entry ${i + 1} is not a usable Ed25519 public key (${k.error}), so ${url} cannot be verified` };
      keys.push(k);
    }
    if (!hasSig) return { error: `pack ${url} has no signature (${url}.sig) but config trust: requires remote packs to be signed by a trusted key` };
    const sig = readFileLimited(sigFile, 4096);
    if (!sig.ok) return { error: `cannot read signature ${sigFile}: ${sig.error}` };
    const v = verifySignature(read.data, sig.data.toString('utf8'), keys);
    if ('error' in v) return { error: `${url}: ${v.error}` };
    verification += `, signed by trusted key ${v.fingerprint}`;
  } else verification += hasSig ? ', signature present but not checked (no trust: keys in config)' : ', unsigned';
  return { data: read.data, verification };
}

/**
 * A remote pack may only read guidance from inside itself: a `guidance: ../../x.md` path in a downloaded pack would
 * otherwise show a local file. Rules whose guidance page lies outside `root` are dropped with an error.
 */
function confineGuidance(r: SourceResult, root: string, url: string): SourceResult {
  for (const pack of r.packs) {
    pack.rules = pack.rules.filter((rule) => {
      if (!rule.helpUri?.startsWith('file:')) return true;
      const page = fileURLToPath(rule.helpUri);
      if (page === root || isInside(page, root)) return true;
      const problem: Problem = { file: url, message: `${rule.id}: guidance page ${path.basename(page)} lies outside the downloaded pack; rule refused`, severity: 'error' };
      r.problems.push(problem);
      pack.problems.push(problem);
      return false;
    });
  }
  return r;
}

function resolveUrl(url: string, sha256: string | undefined, opts: Required<SourceResolverOptions>): SourceResult {
  const checked = readPinnedUrl(url, sha256, opts);
  if ('error' in checked) return err(url, checked.error);
  let r: SourceResult;
  if (isGzip(checked.data)) {
    const archive = readArchive(checked.data);
    if ('error' in archive) return err(url, `archive refused: ${archive.error}`);
    const dir = extractedDir(opts.cacheDir, sha256!);
    try {
      materializeArchive(archive.files, dir);
    } catch (e) {
      return err(url, (e as Error).message);
    }
    r = confineGuidance(loadPackageFolder(dir, url, url), fs.realpathSync(dir), url);
  } else {
    // Load the bytes that were just verified, not the file again, so a swap after the check cannot slip in.
    const decoded = decodeText(checked.data);
    if ('error' in decoded || decoded.warning) return err(url, `cannot read rule pack: ${'error' in decoded ? decoded.error : decoded.warning}`);
    const one = loadPackText(decoded.text, cachedFile(opts.cacheDir, sha256!), url);
    r = confineGuidance({ packs: one.pack ? [one.pack] : [], problems: one.problems }, cachedFile(opts.cacheDir, sha256!), url);
  }
  for (const p of r.packs) p.verification = checked.verification;
  return r;
}

/** The loadRuleSet hook for `{ npm }` and `{ url, sha256 }` sources. */
export function createSourceResolver(opts: SourceResolverOptions = {}): (src: PackSource, root: string) => SourceResult {
  const full: Required<SourceResolverOptions> = { cacheDir: opts.cacheDir ?? defaultPackCacheDir(), trust: opts.trust ?? [] };
  return (src, root) => {
    if (typeof src === 'string') return loadPathAs(path.resolve(root, src), path.resolve(root, src));
    const kinds = (['path', 'npm', 'url'] as const).filter((k) => src[k] !== undefined);
    if (kinds.length !== 1) return err(sourceLabel(src), `a pack source needs exactly one of path, npm or url (got ${kinds.join(', ') || 'none'})`);
    if (src.path !== undefined) return loadPathAs(path.resolve(root, src.path), path.resolve(root, src.path));
    if (src.npm !== undefined) return resolveNpm(src.npm, root);
    return resolveUrl(src.url!, src.sha256, full);
  };
}
