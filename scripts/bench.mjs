// `npm run bench`: assembles a corpus of real source code from installed npm packages and Debian's Python sources,
// scans it with the real CLI (all built-in rules, both cores), and prints throughput and peak memory. Then runs the
// language-server latency bench (scripts/benchLsp.mjs) when present. Prints figures; asserts nothing.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, '.cache', 'bench-corpus');
const TARGET_MB = Number(process.env.VIGIL_BENCH_MB ?? 24);
const MAX_FILE = 1024 * 1024;

/** Source files under `dir` with the given extensions, skipping minified bundles and test data. */
function collect(dir, exts, budgetBytes) {
  const out = [];
  let total = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const e of entries) {
      if (total >= budgetBytes) return;
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!['.bin', '.cache', '__pycache__', 'test-data'].includes(e.name)) walk(p);
      } else if (e.isFile() && exts.includes(extname(e.name)) && !/\.min\.|\.d\.ts$|bundle/.test(e.name)) {
        const size = statSync(p).size;
        if (size > 200 && size < MAX_FILE) {
          out.push(p);
          total += size;
        }
      }
    }
  };
  walk(dir);
  return { files: out, total };
}

function assemble() {
  if (existsSync(join(corpus, '.complete'))) return;
  rmSync(corpus, { recursive: true, force: true });
  const half = (TARGET_MB / 2) * 1024 * 1024;
  const sources = [];
  const py = ['/usr/lib/python3.11', '/usr/lib/python3/dist-packages'].filter(existsSync);
  let pyBytes = 0;
  for (const d of py) {
    const r = collect(d, ['.py'], half - pyBytes);
    sources.push(...r.files.map((f) => [d, f, 'python']));
    pyBytes += r.total;
  }
  const js = collect(join(root, 'node_modules'), ['.js', '.ts', '.mjs', '.cjs'], TARGET_MB * 1024 * 1024 - pyBytes);
  sources.push(...js.files.map((f) => [join(root, 'node_modules'), f, 'js']));
  for (const [base, file, kind] of sources) {
    // node_modules folders are skipped by scans, so the copies live under plain folder names.
    const dest = join(corpus, kind, relative(base, file).replace(/node_modules/g, 'nm'));
    mkdirSync(join(dest, '..'), { recursive: true });
    cpSync(file, dest);
  }
  cpSync(join(root, 'package.json'), join(corpus, '.complete'));
}

/** Runs a command, sampling its peak resident memory (VmHWM) from /proc while it runs. */
function timed(cmd, args) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peak = 0;
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]) * 1024);
      } catch {
        /* the process has exited */
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peak, stderr });
    });
  });
}

function stats(dir) {
  let files = 0;
  let bytes = 0;
  let lines = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name !== '.complete') {
        const b = readFileSync(p);
        files++;
        bytes += b.length;
        for (const c of b) if (c === 10) lines++;
      }
    }
  };
  walk(dir);
  return { files, bytes, lines };
}

assemble();
const cli = join(root, 'dist', 'cli.js');
console.log(`Vigil bench — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
for (const part of ['js', 'python', '']) {
  const dir = join(corpus, part);
  if (!existsSync(dir)) continue;
  const s = stats(dir);
  const r = await timed(process.execPath, [cli, 'scan', dir, '--format', 'json', '--output', '/dev/null', '--fail-on', 'none']);
  const summary = (/vigil: .*/.exec(r.stderr) ?? [''])[0];
  const mb = s.bytes / 1048576;
  console.log(
    `CLI scan ${part || 'all'}: ${s.files} files, ${mb.toFixed(1)} MB, ${s.lines} lines in ${r.seconds.toFixed(2)} s → ` +
      `${(mb / r.seconds).toFixed(2)} MB/s, ${Math.round(s.lines / r.seconds)} lines/s, peak RSS ${(r.peak / 1048576).toFixed(0)} MB (exit ${r.code})`,
  );
  console.log(`  ${summary}`);
}
if (existsSync(join(root, 'scripts', 'benchLsp.mjs'))) {
  await new Promise((resolve) => spawn(process.execPath, [join(root, 'scripts', 'benchLsp.mjs')], { stdio: 'inherit' }).on('exit', resolve));
}
