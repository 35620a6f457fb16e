// The engine's only file-system access: locating wasm files, reading packs and guidance, walking folders.
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';

export interface WasmPaths {
  runtime: string;
  grammar(name: string): string;
}

/**
 * Where the tree-sitter runtime and grammars are. A bundle (dist/) carries copies next to itself; running from
 * sources (tests) uses the npm packages.
 */
/** Reads a file's bytes (the tree-sitter runtime, which grammars.ts instantiates itself). */
export function readBytes(file: string): Uint8Array {
  return fs.readFileSync(file);
}

export function wasmPaths(wasmDir?: string): WasmPaths {
  const dir = wasmDir ?? (fs.existsSync(path.join(__dirname, 'tree-sitter.wasm')) ? __dirname : undefined);
  if (dir) {
    return { runtime: path.join(dir, 'tree-sitter.wasm'), grammar: (g) => path.join(dir, 'grammars', `tree-sitter-${g}.wasm`) };
  }
  // Resolved at run time (not by the bundler): this branch only runs from sources, where node_modules exists.
  const req = createRequire(__filename);
  const runtime = req.resolve('web-tree-sitter/tree-sitter.wasm');
  const grammars = path.dirname(req.resolve('tree-sitter-wasms/out/tree-sitter-javascript.wasm'));
  return { runtime, grammar: (g) => path.join(grammars, `tree-sitter-${g}.wasm`) };
}

/** The built-in rules folder: next to the bundle in an installed extension/CLI, or the repository's rules/. */
export function defaultRulesDir(): string {
  for (const candidate of [path.join(__dirname, '..', 'rules'), path.join(__dirname, '..', '..', '..', 'rules')]) {
    if (fs.existsSync(path.join(candidate, 'schema.json'))) return candidate;
  }
  return path.join(__dirname, '..', 'rules');
}

export type ReadResult = { ok: true; data: Buffer } | { ok: false; error: string };

/** Reads a file, refusing anything larger than `maxBytes` before reading it. */
export function readFileLimited(file: string, maxBytes: number): ReadResult {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { ok: false, error: 'not a regular file' };
    if (st.size > maxBytes) return { ok: false, error: `file is ${(st.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(1)} MB limit` };
    return { ok: true, data: fs.readFileSync(file) };
  } catch (e) {
    return { ok: false, error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message };
  }
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function exists(p: string): boolean {
  return fs.existsSync(p);
}

/** Lists files below `dir` (recursively), skipping symlinked directories and folders named in `skipDirs`. */
export function listFiles(dir: string, skipDirs: Set<string> = new Set(['node_modules', '.git'])): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!skipDirs.has(e.name)) walk(p);
      } else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}
