// Reads a pack archive (.tgz) in memory with the tar package and refuses anything that could escape the pack folder.
//
// Entries are never extracted by tar itself: every path is checked first (no absolute paths, no `..`, no links that
// point outside), limits are applied, and only plain files are written, by materializeArchive below.
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { Parser } from 'tar';

/** Limits for one archive: packs are small data, so anything near these is hostile or a mistake. */
export const ARCHIVE_LIMITS = { compressedBytes: 20 * 1024 * 1024, expandedBytes: 50 * 1024 * 1024, fileBytes: 5 * 1024 * 1024, entries: 2000 };

export type ArchiveFiles = Map<string, Buffer>;

export function isGzip(data: Buffer): boolean {
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/** Normalizes an archive path to a safe relative POSIX path, or explains why it is refused. */
function safeRelative(p: string): { rel: string } | { error: string } {
  const raw = p.replace(/\\/g, '/');
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) return { error: `absolute path "${p}"` };
  const parts = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) return { error: `path "${p}" climbs out of the archive with ".."` };
  return { rel: parts.join('/') };
}

/** Lists an archive's files, or one error that names the first offending entry. Nothing is written. */
export function readArchive(data: Buffer): { files: ArchiveFiles } | { error: string } {
  if (data.length > ARCHIVE_LIMITS.compressedBytes) return { error: `archive is over the ${ARCHIVE_LIMITS.compressedBytes / 1048576} MB limit` };
  let tarBytes: Buffer;
  try {
    // maxOutputLength stops a gzip bomb before it is inflated in memory.
    tarBytes = zlib.gunzipSync(data, { maxOutputLength: ARCHIVE_LIMITS.expandedBytes });
  } catch (e) {
    const msg = (e as Error).message;
    return { error: /buffer|length|size/i.test(msg) ? `archive expands to more than ${ARCHIVE_LIMITS.expandedBytes / 1048576} MB` : `not a valid .tgz archive: ${msg}` };
  }
  const files: ArchiveFiles = new Map();
  let error: string | undefined;
  let count = 0;
  const fail = (m: string) => (error ??= m);
  const parser = new Parser({ strict: true });
  parser.on('warn', (_code: string, message: string) => fail(`damaged archive: ${message}`));
  parser.on('error', (e: Error) => fail(`damaged archive: ${e.message}`));
  parser.on('entry', (entry) => {
    const chunks: Buffer[] = [];
    let size = 0;
    count++;
    if (count > ARCHIVE_LIMITS.entries) fail(`archive has more than ${ARCHIVE_LIMITS.entries} entries`);
    const where = safeRelative(entry.path);
    if ('error' in where) fail(`refused archive entry: ${where.error}`);
    else if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
      // A link target is resolved from the link's folder (symlink) or the archive root (hardlink).
      const base = entry.type === 'SymbolicLink' ? path.posix.dirname(where.rel) : '';
      const target = String(entry.linkpath ?? '');
      const joined = path.posix.normalize(path.posix.join(base, target.replace(/\\/g, '/')));
      if (target.startsWith('/') || joined === '..' || joined.startsWith('../')) fail(`refused archive entry "${entry.path}": ${entry.type === 'Link' ? 'hard link' : 'symlink'} points outside the archive (${target})`);
      else fail(`refused archive entry "${entry.path}": links are not allowed in pack archives`);
    } else if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile' && entry.type !== 'Directory') {
      fail(`refused archive entry "${entry.path}": ${entry.type} entries are not allowed`);
    }
    entry.on('data', (c: Buffer) => {
      size += c.length;
      if (size > ARCHIVE_LIMITS.fileBytes) fail(`archive entry "${entry.path}" is over the ${ARCHIVE_LIMITS.fileBytes / 1048576} MB limit`);
      else chunks.push(c);
    });
    entry.on('end', () => {
      if (!error && 'rel' in where && entry.type !== 'Directory' && where.rel) files.set(where.rel, Buffer.concat(chunks));
    });
  });
  try {
    parser.write(tarBytes);
    parser.end();
  } catch (e) {
    fail(`damaged archive: ${(e as Error).message}`);
  }
  if (error) return { error };
  if (files.size === 0) return { error: 'archive holds no files' };
  return { files: stripCommonFolder(files) };
}

/** `npm pack` puts everything under `package/`; a single top folder shared by every file is removed. */
function stripCommonFolder(files: ArchiveFiles): ArchiveFiles {
  const tops = new Set([...files.keys()].map((k) => (k.includes('/') ? k.split('/')[0] : '')));
  if (tops.size !== 1 || tops.has('')) return files;
  const out: ArchiveFiles = new Map();
  for (const [k, v] of files) out.set(k.slice(k.indexOf('/') + 1), v);
  return out;
}

/** Counts every entry below `dir` (files, links, folders excluded), so an added file counts as a difference. */
function countFiles(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1;
  return n;
}

function sameContent(dir: string, files: ArchiveFiles): boolean {
  try {
    if (countFiles(dir) !== files.size) return false;
    for (const [rel, data] of files) {
      const p = path.join(dir, rel);
      const st = fs.lstatSync(p);
      if (!st.isFile() || st.size !== data.length || !fs.readFileSync(p).equals(data)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the checked files to `dir` (a content-addressed folder), unless it already holds exactly these bytes. A folder
 * that differs (tampered, half-written) is replaced, so what loads always equals the hash-verified archive.
 */
export function materializeArchive(files: ArchiveFiles, dir: string): void {
  if (sameContent(dir, files)) return;
  const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  for (const [rel, data] of files) {
    const p = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, dir);
  } catch {
    // Another process materialized it at the same moment; keep theirs if it is right.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!sameContent(dir, files)) throw new Error(`cannot write the extracted pack to ${dir}`);
  }
}
