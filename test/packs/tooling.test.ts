// Pack author and CI tooling through the real CLI: packs init -> validate -> test, validate's located hints, and
// packs lock / verify detecting drift.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packYaml, runCli, serve, sha256, tmpDir, workspace, write } from './helpers';

describe('pack tooling', function () {
  this.timeout(120_000);
  const cache = tmpDir('vigil-cache-');

  it('packs init scaffolds a pack that passes validate and vigil test', async () => {
    const dir = tmpDir();
    const init = await runCli(['packs', 'init', 'security-rules'], { cwd: dir, cache });
    assert.equal(init.code, 0, init.stderr);
    for (const f of ['pack.yaml', 'guidance/no-logging-request-data.md', 'fixtures/no-logging-request-data.js', 'README.md']) {
      assert.ok(fs.existsSync(path.join(dir, 'security-rules', f)), f);
    }
    assert.match(fs.readFileSync(path.join(dir, 'security-rules', 'pack.yaml'), 'utf8'), /id: security-rules\/no-logging-request-data/);
    const validate = await runCli(['packs', 'validate', 'security-rules'], { cwd: dir, cache });
    assert.equal(validate.code, 0, validate.stdout);
    assert.match(validate.stdout, /pack security-rules@0\.1\.0, 1 rule\(s\) loaded\nno problems/);
    const test = await runCli(['test', 'security-rules'], { cwd: dir, cache });
    assert.equal(test.code, 0, test.stdout);
    assert.match(test.stdout, /^[1-9]\d* passed, 0 failed$/m);
  });

  it('packs init --id names the pack and never overwrites files', async () => {
    const dir = tmpDir();
    assert.equal((await runCli(['packs', 'init', 'p', '--id', 'acme'], { cwd: dir, cache })).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'p', 'pack.yaml'), 'utf8'), /^ {2}id: acme$/m);
    const again = await runCli(['packs', 'init', 'p'], { cwd: dir, cache });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds pack\.yaml/);
    const badId = await runCli(['packs', 'init', 'q', '--id', 'Not Valid'], { cwd: dir, cache });
    assert.equal(badId.code, 2);
  });

  it('packs validate reports every problem at file:line:column with a hint', async () => {
    const dir = tmpDir();
    const text = packYaml('team')
      .replace('    severity: high\n', '    severty: high\n')
      .concat(
        `  - id: other/wrong-prefix
    title: t
    message: m
    severity: urgent
    confidence: high
    languages: [javascript]
    cwe: [CWE-1]
    owasp: [A03:2021]
    patterns: [{ regex: 'x' }]
    guidance: g
  - id: team/lookaround
    title: t
    message: m
    severity: low
    confidence: high
    languages: [javascript]
    cwe: [CWE-1]
    owasp: [A03:2021]
    patterns:
      - regex: 'password(?!_hash)'
    guidance: g
`,
      );
    write(path.join(dir, 'bad', 'pack.yaml'), text);
    const r = await runCli(['packs', 'validate', 'bad'], { cwd: dir, cache });
    assert.equal(r.code, 1);
    const out = r.stdout;
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    assert.ok(out.includes(`bad/pack.yaml:${lineOf('severty')}:5 error: unknown key "severty" (did you mean "severity")\n  hint: remove the key or fix its spelling`), out);
    assert.ok(out.includes(`bad/pack.yaml:${lineOf('severity: urgent')}:15 error: must be one of "critical", "high", "medium", "low", "info", not "urgent"\n  hint: use one of the listed values`), out);
    assert.ok(new RegExp(`bad/pack.yaml:${lineOf('password')}:\\d+ error: team/lookaround: regex /password\\(\\?!_hash\\)/ .*linear time.*\\n  hint: rewrite without backreferences or lookaround`).test(out), out);
    assert.match(out, /^3 problem\(s\)$/m);
  });

  describe('lock and verify', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    const remote = Buffer.from(packYaml('remote', { version: '3.1.0' }));
    let ws: string;
    before(async () => {
      server = await serve(new Map([['/remote.yaml', remote]]));
      ws = workspace(`builtin: false\npacks:\n  - local\n  - npm: team-pack\n  - url: ${server.base}/remote.yaml\n    sha256: ${sha256(remote)}\n`);
      write(path.join(ws, 'local', 'pack.yaml'), packYaml('local', { version: '0.2.0' }));
      write(path.join(ws, 'node_modules', 'team-pack', 'package.json'), JSON.stringify({ name: 'team-pack', version: '5.0.0' }));
      write(path.join(ws, 'node_modules', 'team-pack', 'pack.yaml'), packYaml('npm-team'));
    });
    after(() => server?.close());

    it('lock writes source, resolved version and sha256 for every configured pack (fetching missing URL packs)', async () => {
      const r = await runCli(['packs', 'lock'], { cwd: ws, cache });
      assert.equal(r.code, 0, r.stderr);
      const lock = JSON.parse(fs.readFileSync(path.join(ws, '.vigil', 'packs.lock'), 'utf8'));
      assert.equal(lock.lockfileVersion, 1);
      assert.deepEqual(
        lock.packs.map((e: { source: string; version: string; packs: unknown }) => [e.source, e.version, e.packs]),
        [
          ['path:local', '0.2.0', [{ id: 'local', version: '0.2.0' }]],
          ['npm:team-pack', '5.0.0', [{ id: 'npm-team', version: '1.0.0' }]],
          [`url:${server.base}/remote.yaml`, '3.1.0', [{ id: 'remote', version: '3.1.0' }]],
        ],
      );
      assert.equal(lock.packs[2].sha256, sha256(remote));
      assert.ok(lock.packs.every((e: { sha256: string }) => /^[0-9a-f]{64}$/.test(e.sha256)));
    });

    it('verify passes when nothing changed, also on a fresh cache', async () => {
      const r = await runCli(['packs', 'verify'], { cwd: ws, cache: tmpDir('vigil-fresh-') });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /packs match the lock: 3 pack source\(s\)/);
    });

    it('verify exits 1 and names the drift when a pack changes', async () => {
      const file = path.join(ws, 'local', 'pack.yaml');
      const before = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, before.replace('version: 0.2.0', 'version: 0.3.0'));
      write(path.join(ws, 'node_modules', 'team-pack', 'extra.md'), 'added');
      try {
        const r = await runCli(['packs', 'verify'], { cwd: ws, cache });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /drift: path:local: version 0\.2\.0 in the lock, 0\.3\.0 now/);
        assert.match(r.stderr, /drift: path:local: sha256 [0-9a-f]{64} in the lock, [0-9a-f]{64} now/);
        assert.match(r.stderr, /drift: npm:team-pack: sha256 /);
        assert.doesNotMatch(r.stderr, /drift: url:/);
      } finally {
        fs.writeFileSync(file, before);
        fs.rmSync(path.join(ws, 'node_modules', 'team-pack', 'extra.md'));
      }
      assert.equal((await runCli(['packs', 'verify'], { cwd: ws, cache })).code, 0);
    });

    it('verify exits 1 for a source added to config, or a missing lock', async () => {
      const cfg = path.join(ws, '.vigil', 'config.yaml');
      const before = fs.readFileSync(cfg, 'utf8');
      write(path.join(ws, 'more', 'pack.yaml'), packYaml('more'));
      fs.writeFileSync(cfg, before + '  - more\n');
      try {
        const r = await runCli(['packs', 'verify'], { cwd: ws, cache });
        assert.equal(r.code, 1);
        assert.match(r.stderr, /drift: path:more: not in the lock \(new pack source\)/);
      } finally {
        fs.writeFileSync(cfg, before);
      }
      const other = workspace('packs: []\n');
      const r = await runCli(['packs', 'verify'], { cwd: other, cache });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /packs\.lock not found; run "vigil packs lock"/);
    });

    it('lock refuses to write when a pack does not load', async () => {
      const bad = workspace('packs:\n  - missing\n');
      const r = await runCli(['packs', 'lock'], { cwd: bad, cache });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /rule pack not found/);
      assert.ok(!fs.existsSync(path.join(bad, '.vigil', 'packs.lock')));
    });
  });
});
