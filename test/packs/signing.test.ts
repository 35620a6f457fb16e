// Ed25519 pack signatures through the real CLI: keygen, sign, and `trust:` making signatures mandatory for URL packs.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listPacks, makeTgz, packYaml, runCli, serve, sha256, tmpDir, workspace } from './helpers';

describe('pack signatures', function () {
  this.timeout(120_000);
  const keys = tmpDir('vigil-keys-');
  const files = new Map<string, Buffer>();
  let server: Awaited<ReturnType<typeof serve>>;
  let teamPub: string;
  let otherPub: string;

  const archive = makeTgz([{ name: 'package/pack.yaml', body: packYaml('signed') }]);
  const modified = makeTgz([{ name: 'package/pack.yaml', body: packYaml('signed', { severity: 'info' }) }]);
  const other = makeTgz([{ name: 'package/pack.yaml', body: packYaml('signed', { version: '1.0.1' }) }]);

  /** Signs `data` with the CLI using key `name`, returning the .sig bytes. */
  async function signWith(name: string, data: Buffer): Promise<Buffer> {
    const dir = tmpDir('vigil-sign-');
    fs.writeFileSync(path.join(dir, 'pack.tgz'), data);
    const r = await runCli(['packs', 'sign', '--key', path.join(keys, `${name}.key`), 'pack.tgz'], { cwd: dir, cache: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /wrote pack\.tgz\.sig/);
    return fs.readFileSync(path.join(dir, 'pack.tgz.sig'));
  }

  /** A workspace pinning `/<name>` and trusting `trust`; returns `packs list` after `packs fetch`. */
  async function load(name: string, data: Buffer, trust: string[]) {
    const ws = workspace(
      `builtin: false\n${trust.length ? `trust:\n${trust.map((t) => `  - |\n${t.trim().split('\n').map((l) => '    ' + l).join('\n')}\n`).join('')}` : ''}packs:\n  - url: ${server.base}/${name}\n    sha256: ${sha256(data)}\n`,
    );
    const cache = tmpDir('vigil-cache-');
    const fetched = await runCli(['packs', 'fetch'], { cwd: ws, cache });
    assert.equal(fetched.code, 0, fetched.stderr);
    return listPacks(ws, cache);
  }

  before(async () => {
    for (const name of ['team', 'other']) {
      const r = await runCli(['packs', 'keygen', name], { cwd: keys, cache: keys });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /key [0-9a-f]{16}/);
    }
    assert.equal(fs.statSync(path.join(keys, 'team.key')).mode & 0o077, 0, 'the private key is not readable by others');
    teamPub = fs.readFileSync(path.join(keys, 'team.pub'), 'utf8');
    otherPub = fs.readFileSync(path.join(keys, 'other.pub'), 'utf8');
    files.set('/good.tgz', archive);
    files.set('/good.tgz.sig', await signWith('team', archive));
    // The publisher changed the pack (and the consumer re-pinned it) but the signature is the old one.
    files.set('/modified.tgz', modified);
    files.set('/modified.tgz.sig', files.get('/good.tgz.sig')!);
    files.set('/unknown.tgz', other);
    files.set('/unknown.tgz.sig', await signWith('other', other));
    files.set('/unsigned.tgz', other);
    server = await serve(files);
  });
  after(() => server?.close());

  it('a good signature by a trusted key passes', async () => {
    const listed = await load('good.tgz', archive, [teamPub]);
    assert.equal(listed.code, 0, JSON.stringify(listed.problems));
    assert.deepEqual(listed.packs.map((p) => p.id), ['signed']);
    assert.match(listed.packs[0].verification ?? '', /signed by trusted key [0-9a-f]{16}/);
  });

  it('trust: also accepts a base64 raw key and several keys', async () => {
    const der = Buffer.from(teamPub.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    const raw = der.subarray(der.length - 32).toString('base64');
    const listed = await load('good.tgz', archive, [otherPub, raw]);
    assert.equal(listed.code, 0, JSON.stringify(listed.problems));
    assert.deepEqual(listed.packs.map((p) => p.id), ['signed']);
  });

  it('a modified pack fails: the signature does not verify and nothing loads', async () => {
    const listed = await load('modified.tgz', modified, [teamPub]);
    assert.equal(listed.code, 1);
    assert.equal(listed.packs.length, 0);
    assert.match(listed.problems[0].message, /signature does not verify with any trusted key/);
  });

  it('a signature by an unknown key fails', async () => {
    const listed = await load('unknown.tgz', other, [teamPub]);
    assert.equal(listed.code, 1);
    assert.equal(listed.packs.length, 0);
    assert.match(listed.problems[0].message, /signature does not verify with any trusted key/);
  });

  it('with trust: present, a missing signature fails', async () => {
    const listed = await load('unsigned.tgz', other, [teamPub]);
    assert.equal(listed.code, 1);
    assert.equal(listed.packs.length, 0);
    assert.match(listed.problems[0].message, /has no signature .* config trust: requires remote packs to be signed/);
  });

  it('a tampered cached signature is detected', async () => {
    const ws = workspace(`builtin: false\ntrust:\n  - "${teamPub.replace(/-----[A-Z ]+-----|\s/g, '')}"\npacks:\n  - url: ${server.base}/good.tgz\n    sha256: ${sha256(archive)}\n`);
    const cache = tmpDir('vigil-cache-');
    assert.equal((await runCli(['packs', 'fetch'], { cwd: ws, cache })).code, 0);
    assert.equal((await listPacks(ws, cache)).code, 0);
    fs.writeFileSync(path.join(cache, 'vigil', 'packs', `${sha256(archive)}.sig`), files.get('/unknown.tgz.sig')!);
    const listed = await listPacks(ws, cache);
    assert.equal(listed.code, 1);
    assert.match(listed.problems[0].message, /signature does not verify/);
  });

  it('without trust:, an unsigned pack loads and says so', async () => {
    const listed = await load('unsigned.tgz', other, []);
    assert.equal(listed.code, 0);
    assert.match(listed.packs[0].verification ?? '', /unsigned$/);
  });

  it('an unusable trust: entry is an error, not a silent pass', async () => {
    const listed = await load('good.tgz', archive, ['bm90IGEga2V5']);
    assert.equal(listed.code, 1);
    assert.match(listed.problems[0].message, /trust: entry 1 is not a usable Ed25519 public key/);
  });

  it('sign refuses a key that is not Ed25519, and a folder', async () => {
    const dir = tmpDir();
    const { generateKeyPairSync } = await import('node:crypto');
    fs.writeFileSync(path.join(dir, 'rsa.key'), generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    fs.writeFileSync(path.join(dir, 'p.yaml'), 'x');
    const rsa = await runCli(['packs', 'sign', '--key', 'rsa.key', 'p.yaml'], { cwd: dir, cache: dir });
    assert.equal(rsa.code, 2);
    assert.match(rsa.stderr, /key is rsa, not ed25519/);
    const folder = await runCli(['packs', 'sign', '--key', path.join(keys, 'team.key'), '.'], { cwd: dir, cache: dir });
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /is not a file/);
  });
});
