// Unit tests for the pack-source building blocks: URL policy, package.json pack lists, keys and signatures,
// archive reading, folder digests. The CLI-level tests cover how they combine.
import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPackUrl, defaultPackCacheDir } from '../../server/src/engine/packs/cache';
import { readArchive } from '../../server/src/engine/packs/archive';
import { contentDigest } from '../../server/src/engine/packs/digest';
import { generateKeyPair, parsePrivateKey, parsePublicKey, signBytes, verifySignature } from '../../server/src/engine/packs/signature';
import { npmPackageDir, packageManifestPacks, sourceLabel } from '../../server/src/engine/packSources';
import { makeTgz, tmpDir, write } from './helpers';

describe('pack sources: units', () => {
  it('allows https anywhere and http only on loopback', () => {
    const table: Array<[string, boolean]> = [
      ['https://packs.example.com/a.tgz', true],
      ['http://127.0.0.1:8080/a.tgz', true],
      ['http://127.8.9.1/a.tgz', true],
      ['http://localhost/a.tgz', true],
      ['http://[::1]:9/a.tgz', true],
      ['http://10.0.0.1/a.tgz', false],
      ['http://127.0.0.1.evil.com/a.tgz', false],
      ['http://localhost.evil.com/a.tgz', false],
      ['file:///etc/passwd', false],
      ['ftp://example.com/a.tgz', false],
      ['not a url', false],
    ];
    for (const [url, ok] of table) assert.equal('url' in checkPackUrl(url), ok, url);
  });

  it('uses XDG_CACHE_HOME for the pack cache when set', () => {
    assert.equal(defaultPackCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'vigil', 'packs'));
    assert.match(defaultPackCacheDir({}), /\.cache[\\/]vigil[\\/]packs$|vigil[\\/]packs$/);
  });

  it('reads the pack list of a package.json in both spellings', () => {
    assert.deepEqual(packageManifestPacks({ vigil: { packs: ['a', 'b/c.yaml'] } }), ['a', 'b/c.yaml']);
    assert.deepEqual(packageManifestPacks({ 'vigil.packs': 'rules' }), ['rules']);
    assert.deepEqual(packageManifestPacks({ name: 'x' }), ['.']);
    assert.ok('error' in (packageManifestPacks({ vigil: { packs: [] } }) as object));
    assert.ok('error' in (packageManifestPacks({ vigil: { packs: [1] } }) as object));
  });

  it('refuses npm names that could leave node_modules', () => {
    const root = tmpDir();
    for (const bad of ['../x', '@scope/../../x', '/abs', 'a/b/c', 'UPPER']) {
      const r = npmPackageDir(bad, root);
      assert.ok('error' in r && /not a valid npm package name/.test(r.error), bad);
    }
    assert.match((npmPackageDir('@acme/rules', root) as { error: string }).error, /is not installed/);
  });

  it('labels sources for the lock file', () => {
    assert.equal(sourceLabel('rules'), 'path:rules');
    assert.equal(sourceLabel({ npm: '@a/b' }), 'npm:@a/b');
    assert.equal(sourceLabel({ url: 'https://x/y.tgz', sha256: 'a'.repeat(64) }), 'url:https://x/y.tgz');
  });

  describe('keys and signatures', () => {
    const pair = generateKeyPair();
    const priv = parsePrivateKey(pair.privatePem) as { key: crypto.KeyObject };
    const data = Buffer.from('pack bytes');
    const sig = signBytes(data, priv.key);

    it('accepts PEM, base64 SPKI and base64 raw public keys, all with the same fingerprint', () => {
      const der = crypto.createPublicKey(pair.publicPem).export({ format: 'der', type: 'spki' });
      const forms = [pair.publicPem, der.toString('base64'), der.subarray(der.length - 32).toString('base64')];
      for (const f of forms) {
        const k = parsePublicKey(f);
        assert.ok('key' in k, JSON.stringify(k));
        assert.equal(k.fingerprint, pair.fingerprint);
      }
    });

    it('refuses keys that are not Ed25519 and text that is not a key', () => {
      const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
      assert.match((parsePublicKey(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString()) as { error: string }).error, /rsa, not ed25519/);
      assert.match((parsePrivateKey(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()) as { error: string }).error, /rsa, not ed25519/);
      assert.ok('error' in parsePublicKey('hello world!'));
      assert.ok('error' in parsePublicKey('AAAA'));
    });

    it('verifies a good signature and names the key; refuses other data, other keys, and garbage', () => {
      const trusted = [parsePublicKey(pair.publicPem) as { key: crypto.KeyObject; fingerprint: string }];
      assert.deepEqual(verifySignature(data, sig, trusted), { fingerprint: pair.fingerprint });
      assert.ok('error' in verifySignature(Buffer.from('pack bytes!'), sig, trusted));
      const other = generateKeyPair();
      assert.ok('error' in verifySignature(data, sig, [parsePublicKey(other.publicPem) as { key: crypto.KeyObject; fingerprint: string }]));
      assert.match((verifySignature(data, 'not base64 at all', trusted) as { error: string }).error, /not a base64 Ed25519 signature/);
    });
  });

  describe('archives', () => {
    it('strips the single top folder (npm pack puts files under package/)', () => {
      const r = readArchive(makeTgz([{ name: 'package/pack.yaml', body: 'a' }, { name: 'package/guidance/x.md', body: 'b' }]));
      assert.ok('files' in r);
      assert.deepEqual([...r.files.keys()].sort(), ['guidance/x.md', 'pack.yaml']);
    });

    it('refuses any link, including one that stays inside the archive', () => {
      const r = readArchive(makeTgz([{ name: 'pack.yaml', body: 'a' }, { name: 'alias.yaml', type: '2', link: 'pack.yaml' }]));
      assert.match((r as { error: string }).error, /links are not allowed in pack archives/);
    });

    it('refuses device and FIFO entries, non-gzip data and empty archives', () => {
      for (const type of ['3', '6'] as const) {
        const r = readArchive(makeTgz([{ name: 'pack.yaml', body: 'a' }, { name: 'dev', type }]));
        assert.match((r as { error: string }).error, /refused archive entry "dev": \w+ entries are not allowed/);
      }
      assert.match((readArchive(Buffer.from('plain text')) as { error: string }).error, /not a valid \.tgz archive/);
      assert.match((readArchive(makeTgz([])) as { error: string }).error, /holds no files|damaged archive/);
    });
  });

  it('a folder digest changes with content, names and added files, not with file order on disk', () => {
    const a = tmpDir();
    write(path.join(a, 'pack.yaml'), 'x');
    write(path.join(a, 'guidance', 'g.md'), 'y');
    const base = (contentDigest(a) as { sha256: string }).sha256;
    const b = tmpDir();
    write(path.join(b, 'guidance', 'g.md'), 'y');
    write(path.join(b, 'pack.yaml'), 'x');
    assert.equal((contentDigest(b) as { sha256: string }).sha256, base);
    fs.writeFileSync(path.join(b, 'pack.yaml'), 'z');
    assert.notEqual((contentDigest(b) as { sha256: string }).sha256, base);
    fs.writeFileSync(path.join(b, 'pack.yaml'), 'x');
    fs.renameSync(path.join(b, 'guidance', 'g.md'), path.join(b, 'guidance', 'h.md'));
    assert.notEqual((contentDigest(b) as { sha256: string }).sha256, base);
    assert.ok('error' in contentDigest(path.join(b, 'missing')));
  });
});
