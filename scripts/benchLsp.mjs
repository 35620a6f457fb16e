// Language-server latency benchmark: time to first diagnostics, edit-to-diagnostics p50/p95, and peak RSS of dist/server.js.
//
// Prints figures only (no assertions). Files are generated: realistic JavaScript and Python with a
// few vulnerable lines, at 1,000 and 10,000 lines. Edits are spaced like a short pause in typing
// (the server coalesces changes that arrive within 150 ms of its last scan into one scan, by design).
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const root = new URL('..', import.meta.url).pathname;
const EDITS = Number(process.env.VIGIL_BENCH_EDITS ?? 50);
const PAUSE_MS = 160;

function jsChunk(i) {
  return [
    `// Handlers for resource ${i}.`,
    `async function loadItem${i}(req, res, db) {`,
    `  const id = Number.parseInt(req.params.id, 10);`,
    `  if (!Number.isFinite(id)) return res.status(400).json({ error: 'bad id' });`,
    `  const rows = await db.query('SELECT * FROM items WHERE id = $1', [id]);`,
    `  const item = rows[0];`,
    `  if (!item) return res.status(404).end();`,
    `  res.json({ id: item.id, name: item.name, tags: item.tags.map((t) => t.trim()) });`,
    `}`,
    ``,
  ];
}
const JS_VULN = [
  'function unsafeEval(userInput) { return eval(userInput); }',
  "const insecureAgent = new https.Agent({ rejectUnauthorized: false });",
  "function runCmd(name) { return child_process.exec('ls ' + name); }",
];

function pyChunk(i) {
  return [
    `def load_item_${i}(request, db):`,
    `    """Return item ${i} as a dict."""`,
    `    item_id = int(request.args.get("id", "0"))`,
    `    row = db.execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()`,
    `    if row is None:`,
    `        return {"error": "not found"}, 404`,
    `    tags = [t.strip() for t in row["tags"].split(",") if t]`,
    `    return {"id": row["id"], "name": row["name"], "tags": tags}`,
    ``,
    ``,
  ];
}
const PY_VULN = [
  'def unsafe_load(data):\n    return pickle.loads(data)',
  'def run_cmd(name):\n    return subprocess.call("ls " + name, shell=True)',
  'def fetch(url):\n    return requests.get(url, verify=False)',
];

/** About `lines` lines: chunks of ordinary code with the vulnerable lines spread through the file. */
function generate(kind, lines) {
  const chunk = kind === 'js' ? jsChunk : pyChunk;
  const vuln = kind === 'js' ? JS_VULN : PY_VULN;
  const header = kind === 'js'
    ? ["'use strict';", "const https = require('https');", "const child_process = require('child_process');", '']
    : ['import pickle', 'import subprocess', 'import requests', '', ''];
  const out = [...header];
  const chunks = Math.ceil((lines - header.length) / 10);
  for (let i = 0; i < chunks; i++) {
    out.push(...chunk(i));
    if (i % Math.max(1, Math.floor(chunks / vuln.length)) === 0) out.push(...vuln[(i / Math.max(1, Math.floor(chunks / vuln.length))) % vuln.length].split('\n'), '');
  }
  return out.slice(0, Math.max(lines, out.length)).join('\n');
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

function peakRss(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(s);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const ws = realpathSync(mkdtempSync(join(tmpdir(), 'vigil-bench-')));
  const t0 = performance.now();
  const proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.version === p.version) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const diagnosticsOf = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));

  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: pathToFileURL(ws).href,
    workspaceFolders: [{ uri: pathToFileURL(ws).href, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await conn.sendNotification('initialized', {});
  const tInit = performance.now() - t0;
  console.log(`Vigil language server benchmark (${EDITS} edits per file, ${PAUSE_MS} ms pause between edits)`);
  console.log(`  server start to initialized: ${tInit.toFixed(0)} ms`);

  const cases = [['js', 1000], ['py', 1000], ['js', 10000], ['py', 10000]];
  let first = true;
  for (const [kind, lines] of cases) {
    const text = generate(kind, lines);
    const uri = pathToFileURL(join(ws, `bench${lines}.${kind}`)).href;
    const languageId = kind === 'js' ? 'javascript' : 'python';
    const tOpen = performance.now();
    const firstDiags = diagnosticsOf(uri, 1);
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const d = await firstDiags;
    const open = performance.now() - tOpen;
    const textLines = text.split('\n');
    const target = Math.floor(textLines.length / 2);
    const times = [];
    let version = 1;
    for (let i = 0; i < EDITS; i++) {
      await sleep(PAUSE_MS);
      version++;
      // Alternately type a character at the end of a middle line and delete it again.
      const len = textLines[target].length;
      const change = i % 2 === 0
        ? { range: { start: { line: target, character: len }, end: { line: target, character: len } }, text: ' ' }
        : { range: { start: { line: target, character: len }, end: { line: target, character: len + 1 } }, text: '' };
      const wait = diagnosticsOf(uri, version);
      const t = performance.now();
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      await wait;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const label = `${lines.toLocaleString('en')}-line ${kind === 'js' ? 'JavaScript' : 'Python'}`;
    console.log(`  ${label}: first diagnostics ${open.toFixed(0)} ms${first ? ' (includes loading the rule packs)' : ''}, ${d.diagnostics.length} findings;`
      + ` edit-to-diagnostics p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
    first = false;
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  const rss = peakRss(proc.pid);
  console.log(`  peak RSS of the server (VmHWM): ${rss ? `${(rss / 1048576).toFixed(0)} MB` : 'n/a (no /proc)'}`);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
