// Shared test helpers for team rule packs: temp workspaces, small packs, the real CLI, a loopback HTTP server, tarballs.
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

const created: string[] = [];
// Temp folders (some hold a 100 MB hostile file) are removed when the test process exits.
process.on('exit', () => {
  for (const d of created) fs.rmSync(d, { recursive: true, force: true });
});

export function tmpDir(prefix = 'vigil-packs-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(d);
  return d;
}

export function write(file: string, text: string | Buffer): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export function sha256(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/**
 * A one-rule pack as YAML text: rule `<id>/<name>` reports calls of `<needle>(` in JavaScript code, with inline
 * guidance. `extra` is appended to the rule (e.g. an include: list).
 */
export function packYaml(id: string, opts: { version?: string; name?: string; needle?: string; severity?: string; confidence?: string; extra?: string } = {}): string {
  const name = opts.name ?? 'bad-call';
  const needle = opts.needle ?? `${id.replace(/-/g, '_')}_danger`;
  return `pack:
  id: ${id}
  version: ${opts.version ?? '1.0.0'}
  description: test pack ${id}
rules:
  - id: ${id}/${name}
    title: ${needle} is called
    message: ${needle}() is unsafe here.
    severity: ${opts.severity ?? 'high'}
    confidence: ${opts.confidence ?? 'high'}
    languages: [javascript]
    cwe: [CWE-20]
    owasp: [A03:2021]
    patterns:
      - regex: '\\b${needle}\\('
    guidance: Do not call ${needle}.
${opts.extra ?? ''}`;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`dist/cli.js`) with an isolated pack cache under `cache`. */
export function runCli(args: string[], opts: { cwd: string; cache: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, XDG_CACHE_HOME: opts.cache, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface ListedPacks {
  packs: Array<{ id: string; version: string; source: string; ruleCount: number; verification?: string; errors: unknown[] }>;
  rules: Array<{ id: string; severity: string; confidence: string }>;
  problems: Array<{ file: string; line?: number; column?: number; message: string; severity: string }>;
}

/** `vigil packs list --json --no-builtin` in `cwd`, parsed. */
export async function listPacks(cwd: string, cache: string): Promise<ListedPacks & { code: number | null; stderr: string }> {
  const r = await runCli(['packs', 'list', '--json', '--no-builtin'], { cwd, cache });
  try {
    return { ...(JSON.parse(r.stdout) as ListedPacks), code: r.code, stderr: r.stderr };
  } catch {
    throw new Error(`packs list printed no JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

/** Serves fixed bytes per path on 127.0.0.1; `files` can be changed between requests. */
export async function serve(files: Map<string, Buffer>): Promise<{ base: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TarEntry {
  name: string;
  body?: string | Buffer;
  /** '0' file (default), '1' hard link, '2' symlink, '3' character device, '5' directory, '6' FIFO. */
  type?: '0' | '1' | '2' | '3' | '5' | '6';
  link?: string;
}

/**
 * Builds a .tgz by hand (ustar headers), so tests can create archives no well-behaved tool would write: `../` paths,
 * absolute paths, links pointing outside.
 */
export function makeTgz(entries: TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512, 0);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write((e.type === undefined || e.type === '0' ? body.length : 0).toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.type ?? '0', 156);
    if (e.link) h.write(e.link, 157, 100, 'utf8');
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h);
    if (e.type === undefined || e.type === '0') {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512, 0));
    }
  }
  blocks.push(Buffer.alloc(1024, 0));
  return zlib.gzipSync(Buffer.concat(blocks));
}

/** A workspace with `.vigil/config.yaml` holding `config` and a JavaScript file calling each needle. */
export function workspace(config: string, needles: string[] = []): string {
  const ws = tmpDir('vigil-ws-');
  write(path.join(ws, '.vigil', 'config.yaml'), config);
  write(path.join(ws, 'src', 'app.js'), needles.map((n) => `${n}(input);\n`).join(''));
  return ws;
}
