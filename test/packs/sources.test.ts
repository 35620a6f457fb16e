// Pack sources end to end through the real CLI: workspace folder, local path, npm package from `npm pack`, and a
// sha256-pinned URL served on loopback (right hash, wrong hash, offline from the cache, tampered cache).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listPacks, makeTgz, packYaml, runCli, serve, sha256, tmpDir, workspace, write } from './helpers';

describe('pack sources', function () {
  this.timeout(120_000);
  const cache = tmpDir('vigil-cache-');

  it('loads .vigil/rules and a folder named in config, and scans with them', async () => {
    const ws = workspace('builtin: false\npacks:\n  - team-rules\n', ['local_danger', 'folder_danger']);
    write(path.join(ws, '.vigil', 'rules', 'local.yaml'), packYaml('local', { needle: 'local_danger' }));
    write(path.join(ws, 'team-rules', 'pack.yaml'), packYaml('folder', { needle: 'folder_danger' }));
    const listed = await listPacks(ws, cache);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(listed.packs.map((p) => p.id).sort(), ['folder', 'local']);
    const scan = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: ws, cache });
    assert.equal(scan.code, 0, scan.stderr);
    const ids = (JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).sort();
    assert.deepEqual(ids, ['folder/bad-call', 'local/bad-call']);
  });

  it('loads a local path outside the workspace (relative and absolute)', async () => {
    const shared = tmpDir('vigil-shared-');
    write(path.join(shared, 'a', 'pack.yaml'), packYaml('shared-a'));
    write(path.join(shared, 'b.yaml'), packYaml('shared-b'));
    const ws = workspace('');
    const rel = path.relative(ws, path.join(shared, 'a'));
    fs.writeFileSync(path.join(ws, '.vigil', 'config.yaml'), `packs:\n  - ${rel}\n  - path: ${path.join(shared, 'b.yaml')}\n`);
    const listed = await listPacks(ws, cache);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(listed.packs.map((p) => [p.id, p.source]), [
      ['shared-a', path.join(shared, 'a', 'pack.yaml')],
      ['shared-b', path.join(shared, 'b.yaml')],
    ]);
  });

  it('a missing local path is reported and the other packs still load (exit 1)', async () => {
    const ws = workspace('packs:\n  - does-not-exist\n  - good\n');
    write(path.join(ws, 'good', 'pack.yaml'), packYaml('good'));
    const listed = await listPacks(ws, cache);
    assert.equal(listed.code, 1);
    assert.deepEqual(listed.packs.map((p) => p.id), ['good']);
    assert.match(listed.problems[0].message, /rule pack not found/);
  });

  it('loads an npm package installed from a tarball made with npm pack', async () => {
    const pkg = tmpDir('vigil-pkg-');
    write(path.join(pkg, 'package.json'), JSON.stringify({ name: '@acme/vigil-rules', version: '2.3.4', files: ['rules'], vigil: { packs: ['rules/web', 'rules/extra.yaml'] } }));
    write(path.join(pkg, 'rules', 'web', 'pack.yaml'), packYaml('acme-web', { needle: 'acme_web_danger' }));
    write(path.join(pkg, 'rules', 'extra.yaml'), packYaml('acme-extra'));
    const out = tmpDir('vigil-tarballs-');
    execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: pkg, stdio: 'pipe' });
    const tarball = path.join(out, fs.readdirSync(out)[0]);
    const ws = workspace('builtin: false\npacks:\n  - npm: "@acme/vigil-rules"\n', ['acme_web_danger']);
    write(path.join(ws, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--offline', '--silent'], { cwd: ws, stdio: 'pipe' });
    assert.ok(fs.existsSync(path.join(ws, 'node_modules', '@acme', 'vigil-rules', 'package.json')));
    const listed = await listPacks(ws, cache);
    assert.equal(listed.code, 0, listed.stderr + JSON.stringify(listed.problems));
    assert.deepEqual(listed.packs.map((p) => [p.id, p.source]), [
      ['acme-web', 'npm:@acme/vigil-rules@2.3.4'],
      ['acme-extra', 'npm:@acme/vigil-rules@2.3.4'],
    ]);
    const scan = await runCli(['scan', 'src', '--format', 'json'], { cwd: ws, cache });
    assert.equal(scan.code, 1, 'a high finding fails the default --fail-on high');
    assert.deepEqual((JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId), ['acme-web/bad-call']);
  });

  it('an npm source that is not installed, or names a pack outside its folder, is refused', async () => {
    const ws = workspace('packs:\n  - npm: not-installed\n  - npm: escaping\n');
    write(path.join(ws, 'node_modules', 'escaping', 'package.json'), JSON.stringify({ name: 'escaping', version: '1.0.0', vigil: { packs: ['../../secret'] } }));
    write(path.join(ws, 'secret', 'pack.yaml'), packYaml('secret'));
    const listed = await listPacks(ws, cache);
    assert.equal(listed.code, 1);
    assert.equal(listed.packs.length, 0);
    const msgs = listed.problems.map((p) => p.message).join('\n');
    assert.match(msgs, /npm package not-installed is not installed/);
    assert.match(msgs, /points outside the package folder; refused/);
  });

  describe('a sha256-pinned URL on loopback', () => {
    const archive = makeTgz([
      { name: 'package/pack.yaml', body: packYaml('remote', { needle: 'remote_danger', extra: '' }).replace('guidance: Do not call remote_danger.', 'guidance: guidance/bad-call.md') },
      { name: 'package/guidance/bad-call.md', body: '# Do not call remote_danger\n' },
    ]);
    const single = Buffer.from(packYaml('remote-file', { needle: 'remote_file_danger' }));
    const files = new Map([
      ['/team.tgz', archive],
      ['/team.yaml', single],
    ]);
    let server: Awaited<ReturnType<typeof serve>>;
    const urlCache = tmpDir('vigil-cache-');
    let ws: string;
    /** The server's address when `ws` was configured (a restarted server gets a new port). */
    let pinnedBase: string;
    before(async () => {
      server = await serve(files);
      pinnedBase = server.base;
      ws = workspace(
        `builtin: false\npacks:\n  - url: ${server.base}/team.tgz\n    sha256: ${sha256(archive)}\n  - url: ${server.base}/team.yaml\n    sha256: ${sha256(single)}\n`,
        ['remote_danger', 'remote_file_danger'],
      );
    });
    after(() => server?.close());

    it('before fetching, the packs are reported as not cached', async () => {
      const listed = await listPacks(ws, urlCache);
      assert.equal(listed.code, 1);
      assert.equal(listed.packs.length, 0);
      assert.match(listed.problems[0].message, /is not in the cache .*run "vigil packs fetch"/);
    });

    it('the right hash downloads, caches and loads (archive and single file)', async () => {
      const fetched = await runCli(['packs', 'fetch'], { cwd: ws, cache: urlCache });
      assert.equal(fetched.code, 0, fetched.stderr);
      assert.match(fetched.stdout, /downloaded .*team\.tgz/);
      assert.ok(fs.existsSync(path.join(urlCache, 'vigil', 'packs', sha256(archive))));
      const listed = await listPacks(ws, urlCache);
      assert.equal(listed.code, 0, JSON.stringify(listed.problems));
      assert.deepEqual(listed.packs.map((p) => [p.id, p.source]), [
        ['remote', `${server.base}/team.tgz`],
        ['remote-file', `${server.base}/team.yaml`],
      ]);
      assert.match(listed.packs[0].verification ?? '', /^sha256 [0-9a-f]{12}… verified, unsigned$/);
      const scan = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: ws, cache: urlCache });
      assert.deepEqual((JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId).sort(), ['remote-file/bad-call', 'remote/bad-call']);
    });

    it('a scan large enough for worker threads loads the URL packs in every worker', async () => {
      const many = tmpDir('vigil-ws-');
      fs.cpSync(path.join(ws, '.vigil'), path.join(many, '.vigil'), { recursive: true });
      for (let i = 0; i < 64; i++) write(path.join(many, 'src', `f${i}.js`), 'remote_danger(input);\n');
      const scan = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'none'], { cwd: many, cache: urlCache });
      assert.equal(scan.code, 0, scan.stderr);
      const found = (JSON.parse(scan.stdout) as { findings: Array<{ ruleId: string }> }).findings.filter((f) => f.ruleId === 'remote/bad-call');
      assert.equal(found.length, 64);
    });

    it('offline (server stopped) loads from the cache', async () => {
      await server.close();
      const again = await runCli(['packs', 'fetch'], { cwd: ws, cache: urlCache });
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /^cached /m);
      const listed = await listPacks(ws, urlCache);
      assert.equal(listed.code, 0, JSON.stringify(listed.problems));
      assert.deepEqual(listed.packs.map((p) => p.id), ['remote', 'remote-file']);
      server = await serve(files);
    });

    it('a tampered cached file is detected: expected and actual hash named, nothing from the pack loads', async () => {
      const cacheCopy = tmpDir('vigil-cache-');
      fs.cpSync(urlCache, cacheCopy, { recursive: true });
      const cached = path.join(cacheCopy, 'vigil', 'packs', sha256(single));
      const evil = Buffer.from(fs.readFileSync(cached, 'utf8').replace('severity: high', 'severity: info'));
      fs.writeFileSync(cached, evil);
      const listed = await listPacks(ws, cacheCopy);
      assert.equal(listed.code, 1);
      assert.deepEqual(listed.packs.map((p) => p.id), ['remote'], 'the untouched pack still loads');
      assert.ok(!listed.rules.some((r) => r.id.startsWith('remote-file/')));
      const msg = listed.problems.map((p) => p.message).join('\n');
      assert.ok(msg.includes(`sha256 mismatch for ${pinnedBase}/team.yaml: expected ${sha256(single)}, actual ${sha256(evil)}`), msg);
    });

    it('a tampered extracted folder is replaced by the verified archive contents', async () => {
      const cacheCopy = tmpDir('vigil-cache-');
      fs.cpSync(urlCache, cacheCopy, { recursive: true });
      const extracted = path.join(cacheCopy, 'vigil', 'packs', 'extracted', sha256(archive), 'pack.yaml');
      fs.writeFileSync(extracted, packYaml('remote', { needle: 'something_else' }));
      write(path.join(path.dirname(extracted), 'added.yaml'), packYaml('injected'));
      const listed = await listPacks(ws, cacheCopy);
      assert.equal(listed.code, 0, JSON.stringify(listed.problems));
      assert.deepEqual(listed.packs.map((p) => p.id), ['remote', 'remote-file']);
      assert.ok(fs.readFileSync(extracted, 'utf8').includes('remote_danger'));
      assert.ok(!fs.existsSync(path.join(path.dirname(extracted), 'added.yaml')));
    });

    it('a wrong pin refuses to download and to load, naming both hashes', async () => {
      const wrong = 'a'.repeat(64);
      const bad = workspace(`builtin: false\npacks:\n  - url: ${server.base}/team.yaml\n    sha256: ${wrong}\n`);
      const badCache = tmpDir('vigil-cache-');
      const fetched = await runCli(['packs', 'fetch'], { cwd: bad, cache: badCache });
      assert.equal(fetched.code, 1);
      assert.ok(fetched.stderr.includes(`sha256 mismatch for ${server.base}/team.yaml: expected ${wrong}, actual ${sha256(single)}; nothing was cached`), fetched.stderr);
      assert.ok(!fs.existsSync(path.join(badCache, 'vigil', 'packs', wrong)));
      const listed = await listPacks(bad, badCache);
      assert.equal(listed.code, 1);
      assert.equal(listed.packs.length, 0);
    });

    it('a URL without a pin is refused; fetch prints the hash to pin', async () => {
      const bad = workspace(`packs:\n  - url: ${server.base}/team.yaml\n`);
      const fetched = await runCli(['packs', 'fetch'], { cwd: bad, cache: tmpDir() });
      assert.equal(fetched.code, 1);
      assert.ok(fetched.stderr.includes(`pin it with sha256: ${sha256(single)}`), fetched.stderr);
      const listed = await listPacks(bad, tmpDir());
      assert.match(listed.problems.map((p) => p.message).join('\n'), /has no sha256 pin/);
    });

    it('plain http to a non-loopback host is refused before any download', async () => {
      const bad = workspace(`packs:\n  - url: http://example.com/team.yaml\n    sha256: ${sha256(single)}\n`);
      const fetched = await runCli(['packs', 'fetch'], { cwd: bad, cache: tmpDir() });
      assert.equal(fetched.code, 1);
      assert.match(fetched.stderr, /uses plain http to a remote host; use https \(http is allowed for loopback only\)/);
    });
  });
});
