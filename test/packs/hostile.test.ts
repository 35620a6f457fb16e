// Hostile packs: each is refused with a clear error while the other packs keep loading, in the CLI (list and scan,
// exit codes documented in docs/teamPacks.md) and in the language server.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp/lspClient';
import { listPacks, makeTgz, packYaml, runCli, serve, sha256, tmpDir, workspace, write, type ListedPacks } from './helpers';

function aliasBomb(): string {
  const names = 'abcdefghi'.split('');
  let t = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < names.length; i++) t += `${names[i]}: &${names[i]} [${Array(9).fill('*' + names[i - 1]).join(', ')}]\n`;
  return t + packYaml('bomb').replace(/^/, '');
}

/** Local hostile packs, by file name, with the message each must be refused with. */
const LOCAL: Array<{ name: string; make: () => string | Buffer; error: RegExp }> = [
  { name: 'alias-bomb.yaml', make: aliasBomb, error: /too many YAML aliases \(limit 100\): refused as a resource-exhaustion attack/ },
  { name: 'huge.yaml', make: () => Buffer.alloc(100 * 1024 * 1024, 0x61), error: /cannot read rule pack: file is 100\.0 MB, over the 5\.0 MB limit/ },
  { name: 'deep-flow.yaml', make: () => 'pack: ' + '['.repeat(20000) + ']'.repeat(20000) + '\n', error: /nested too deeply to parse .*resource-exhaustion|nested \d+ levels deep \(limit 64\)/ },
  { name: 'deep-block.yaml', make: () => Array.from({ length: 200 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n', error: /nested \d+ levels deep \(limit 64\)|nested too deeply/ },
  {
    name: 'backref.yaml',
    make: () => packYaml('backref').replace(/regex: '.*'/, () => "regex: '^(a|aa)+\\1$'"),
    error: /backref\/bad-call: regex .*(backreference|linear time)/,
  },
];

/** Archives served on loopback, with the message each must be refused with. */
const ARCHIVES: Array<{ name: string; data: Buffer; error: RegExp }> = [
  { name: 'dotdot.tgz', data: makeTgz([{ name: 'package/pack.yaml', body: packYaml('dotdot') }, { name: 'package/../../../escaped.yaml', body: 'x' }]), error: /archive refused: refused archive entry: path "package\/\.\.\/\.\.\/\.\.\/escaped\.yaml" climbs out of the archive/ },
  { name: 'absolute.tgz', data: makeTgz([{ name: '/tmp/vigil-absolute-escape.yaml', body: 'x' }, { name: 'pack.yaml', body: packYaml('absolute') }]), error: /absolute path "\/tmp\/vigil-absolute-escape\.yaml"/ },
  { name: 'symlink.tgz', data: makeTgz([{ name: 'package/pack.yaml', body: packYaml('symlink') }, { name: 'package/guidance', type: '2', link: '../../../../etc' }]), error: /"package\/guidance": symlink points outside the archive \(\.\.\/\.\.\/\.\.\/\.\.\/etc\)/ },
  { name: 'hardlink.tgz', data: makeTgz([{ name: 'package/pack.yaml', body: packYaml('hardlink') }, { name: 'package/passwd', type: '1', link: '/etc/passwd' }]), error: /hard link points outside the archive \(\/etc\/passwd\)/ },
  {
    name: 'guidance-escape.tgz',
    data: makeTgz([{ name: 'package/pack.yaml', body: packYaml('guidance-escape').replace(/guidance: .*/, 'guidance: ../../secret.md') }]),
    error: /guidance-escape\/bad-call: guidance page secret\.md lies outside the downloaded pack; rule refused/,
  },
  {
    name: 'guidance-escape.yaml',
    data: Buffer.from(packYaml('guidance-escape-file').replace(/guidance: .*/, 'guidance: secret.md')),
    error: /guidance-escape-file\/bad-call: guidance page secret\.md lies outside the downloaded pack; rule refused/,
  },
  { name: 'gzip-bomb.tgz', data: makeTgz([{ name: 'package/pack.yaml', body: Buffer.alloc(60 * 1024 * 1024, 0x20) }]), error: /archive expands to more than 50 MB/ },
];

describe('hostile packs', function () {
  this.timeout(180_000);
  let server: Awaited<ReturnType<typeof serve>>;
  let ws: string;
  const cache = tmpDir('vigil-cache-');
  let listed: ListedPacks & { code: number | null; stderr: string };

  before(async () => {
    server = await serve(new Map([...ARCHIVES.map((a) => [`/${a.name}`, a.data] as [string, Buffer]), ['/huge.yaml', Buffer.alloc(25 * 1024 * 1024, 0x61)]]));
    const sources = [
      'good',
      ...LOCAL.map((l) => `hostile/${l.name}`),
      'redos',
      ...ARCHIVES.map((a) => `url: ${server.base}/${a.name}\n    sha256: ${sha256(a.data)}`),
    ];
    ws = workspace(`builtin: false\npacks:\n${sources.map((s) => `  - ${s.startsWith('url:') ? s : JSON.stringify(s)}\n`).join('')}`, ['good_danger']);
    write(path.join(ws, 'good', 'pack.yaml'), packYaml('good', { needle: 'good_danger' }));
    for (const l of LOCAL) write(path.join(ws, 'hostile', l.name), l.make());
    // Nested quantifiers are accepted only because they run on V8's linear-time engine: on 150 a's without a b, a
    // backtracking engine would need ~2^150 steps per line. The scan below must finish and still find the real match.
    write(path.join(ws, 'redos', 'pack.yaml'), packYaml('redos', { severity: 'low' }).replace(/regex: '.*'/, () => "regex: '(a+)+b'\n        scope: any"));
    write(path.join(ws, 'src', 'redos.js'), Array.from({ length: 100 }, () => `const s = "${'a'.repeat(150)}!";`).join('\n') + '\nconst t = "aab";\n');
    // A local markdown file a hostile pack's guidance path points at (next to the cached packs).
    write(path.join(cache, 'vigil', 'packs', 'secret.md'), '# private notes\n');
    const fetched = await runCli(['packs', 'fetch'], { cwd: ws, cache });
    assert.equal(fetched.code, 0, fetched.stderr);
    listed = await listPacks(ws, cache);
  });
  after(() => server?.close());

  for (const l of LOCAL) {
    it(`refuses ${l.name} with a clear error`, () => {
      const p = listed.problems.find((x) => x.file.endsWith(l.name));
      assert.ok(p, `no problem for ${l.name}: ${JSON.stringify(listed.problems.map((x) => x.message))}`);
      assert.match(p.message, l.error);
      assert.equal(p.severity, 'error');
    });
  }

  for (const a of ARCHIVES) {
    it(`refuses ${a.name} with a clear error and writes nothing outside the cache`, () => {
      const p = listed.problems.find((x) => x.file === `${server.base}/${a.name}`);
      assert.ok(p, `no problem for ${a.name}: ${JSON.stringify(listed.problems.map((x) => x.message))}`);
      assert.match(p.message, a.error);
      if (!a.name.startsWith('guidance-escape')) assert.ok(!fs.existsSync(path.join(cache, 'vigil', 'packs', 'extracted', sha256(a.data))), 'nothing extracted');
    });
  }

  it('nothing escaped to the file system', () => {
    assert.ok(!fs.existsSync('/tmp/vigil-absolute-escape.yaml'));
    assert.ok(!fs.existsSync(path.join(cache, 'escaped.yaml')));
    assert.ok(!fs.existsSync(path.join(cache, 'vigil', 'escaped.yaml')));
  });

  it('a download over the size limit is refused', async () => {
    const big = Buffer.alloc(25 * 1024 * 1024, 0x61);
    const w = workspace(`packs:\n  - url: ${server.base}/huge.yaml\n    sha256: ${sha256(big)}\n`);
    const r = await runCli(['packs', 'fetch'], { cwd: w, cache: tmpDir() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /huge\.yaml is larger than the 20 MB limit for a pack/);
  });

  it('the good pack and the linear-time regex pack still load (packs list exits 1)', () => {
    assert.equal(listed.code, 1);
    // A refused rule only skips itself: its pack loads with the rules that compiled (none here).
    assert.deepEqual(listed.packs.map((p) => [p.id, p.ruleCount]), [['good', 1], ['backref', 0], ['redos', 1], ['guidance-escape', 0], ['guidance-escape-file', 0]]);
    assert.ok(!listed.rules.some((r) => r.id.startsWith('guidance-escape')));
    assert.equal(listed.problems.filter((p) => p.severity === 'error').length, LOCAL.length + ARCHIVES.length);
  });

  it('vigil scan still scans with the good packs, lists every refusal, and exits 2', async () => {
    const r = await runCli(['scan', 'src', '--format', 'json', '--fail-on', 'none'], { cwd: ws, cache });
    assert.equal(r.code, 2, 'pack errors make the run exit 2 even with --fail-on none');
    const out = JSON.parse(r.stdout) as { findings: Array<{ path: string; ruleId: string }> };
    assert.deepEqual(out.findings.map((f) => `${f.path} ${f.ruleId}`).sort(), ['src/app.js good/bad-call', 'src/redos.js redos/bad-call']);
    for (const l of LOCAL) assert.ok(r.stderr.includes(l.name), `stderr names ${l.name}`);
    for (const a of ARCHIVES) assert.ok(r.stderr.includes(a.name), `stderr names ${a.name}`);
  });

  it('the language server keeps working: findings from the good pack, refusals on its status', async () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cache;
    const client = await LspClient.start({ folder: ws });
    try {
      const uri = pathToFileURL(path.join(ws, 'src', 'app.js')).href;
      client.open(uri, 'javascript', fs.readFileSync(path.join(ws, 'src', 'app.js'), 'utf8'));
      const diags = await client.diagnosticsFor(uri, 1);
      assert.deepEqual(diags.map((d) => (d.data as { ruleId: string }).ruleId), ['good/bad-call']);
      const status = await client.status.next((s: { errors?: unknown[] }) => (s.errors?.length ?? 0) > 0);
      const files = (status.errors as Array<{ file: string }>).map((e) => e.file).join('\n');
      for (const a of ARCHIVES) assert.ok(files.includes(a.name), `status names ${a.name}`);
    } finally {
      await client.stop();
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
