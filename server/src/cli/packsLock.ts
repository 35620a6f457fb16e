// `vigil packs lock` / `verify`: records every configured pack source's resolved version and sha256 in
// .vigil/packs.lock, and checks in CI that what loads today is exactly what was locked.
import * as fs from 'fs';
import * as path from 'path';
import type { PackSource, Problem, VigilConfig } from '../engine';
import { createSourceResolver, npmPackageDir, sourceLabel } from '../engine/packSources';
import { contentDigest } from '../engine/packs/digest';

export interface LockEntry {
  source: string;
  /** The resolved version: the npm package version, else the pack manifest version(s). */
  version: string;
  sha256: string;
  packs: Array<{ id: string; version: string }>;
}

export interface LockFile {
  lockfileVersion: 1;
  packs: LockEntry[];
}

export function lockPath(root: string): string {
  return path.join(root, '.vigil', 'packs.lock');
}

/** Resolves every pack source in `config.packs` and computes its lock entry. Any load error is a problem. */
export function computeLock(root: string, config: VigilConfig, cacheDir: string): { lock: LockFile; problems: Problem[] } {
  const resolve = createSourceResolver({ cacheDir, trust: config.trust });
  const entries: LockEntry[] = [];
  const problems: Problem[] = [];
  for (const src of config.packs ?? []) {
    const label = sourceLabel(src);
    const r = resolve(src, root);
    problems.push(...r.problems.filter((p) => p.severity === 'error'));
    if (r.problems.some((p) => p.severity === 'error')) continue;
    const digest = digestOf(src, root);
    if ('error' in digest) {
      problems.push({ file: label, message: digest.error, severity: 'error' });
      continue;
    }
    const packs = r.packs.map((p) => ({ id: p.manifest.id, version: p.manifest.version }));
    const npmVersion = r.packs[0]?.source.match(/^npm:.+@([^@]+)$/)?.[1];
    entries.push({ source: label, version: npmVersion ?? [...new Set(packs.map((p) => p.version))].join(','), sha256: digest.sha256, packs });
  }
  return { lock: { lockfileVersion: 1, packs: entries }, problems };
}

function digestOf(src: PackSource, root: string): { sha256: string } | { error: string } {
  if (typeof src === 'string') return contentDigest(path.resolve(root, src));
  if (src.path !== undefined) return contentDigest(path.resolve(root, src.path));
  if (src.npm !== undefined) {
    const where = npmPackageDir(src.npm, root);
    return 'error' in where ? where : contentDigest(where.dir);
  }
  // The resolver has already checked the cached bytes against this pin.
  return { sha256: src.sha256! };
}

export function formatLock(lock: LockFile): string {
  return JSON.stringify(lock, null, 2) + '\n';
}

export function readLock(file: string): { lock: LockFile } | { error: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { error: `${file} not found; run "vigil packs lock" and commit it` };
  }
  try {
    const lock = JSON.parse(text) as LockFile;
    if (lock.lockfileVersion !== 1 || !Array.isArray(lock.packs)) return { error: `${file} is not a version 1 pack lock` };
    return { lock };
  } catch (e) {
    return { error: `${file} is not valid JSON: ${(e as Error).message}` };
  }
}

/** Differences between the committed lock and the current state, one line each (empty = no drift). */
export function diffLocks(locked: LockFile, current: LockFile): string[] {
  const out: string[] = [];
  const before = new Map(locked.packs.map((e) => [e.source, e]));
  const now = new Map(current.packs.map((e) => [e.source, e]));
  for (const [src, e] of now) {
    const old = before.get(src);
    if (!old) out.push(`${src}: not in the lock (new pack source)`);
    else {
      if (old.version !== e.version) out.push(`${src}: version ${old.version} in the lock, ${e.version} now`);
      if (old.sha256 !== e.sha256) out.push(`${src}: sha256 ${old.sha256} in the lock, ${e.sha256} now`);
      const ids = (l: LockEntry) => l.packs.map((p) => `${p.id}@${p.version}`).sort().join(', ');
      if (ids(old) !== ids(e)) out.push(`${src}: packs ${ids(old)} in the lock, ${ids(e)} now`);
    }
  }
  for (const src of before.keys()) if (!now.has(src)) out.push(`${src}: in the lock but no longer in the config`);
  return out;
}
