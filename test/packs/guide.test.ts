// The "Sharing rules with your team" guide (docs/teamPacks.md), walked step by step with the real CLI: init, validate,
// test, archive, keygen, sign, publish (loopback server), pin + trust, fetch, list, lock, verify, scan.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, serve, sha256, tmpDir, write } from './helpers';

describe('team pack guide walkthrough', function () {
  this.timeout(180_000);

  it('goes from vigil packs init to a signed, pinned, locked pack gating a scan', async () => {
    const author = tmpDir('vigil-author-');
    const cache = tmpDir('vigil-cache-');
    const cli = (args: string[], cwd = author) => runCli(args, { cwd, cache });
    const ok = async (args: string[], cwd = author) => {
      const r = await cli(args, cwd);
      assert.equal(r.code, 0, `vigil ${args.join(' ')}: ${r.stdout}${r.stderr}`);
      return r;
    };

    await ok(['packs', 'init', 'security-rules']);
    await ok(['packs', 'validate', 'security-rules']);
    assert.match((await ok(['test', 'security-rules'])).stdout, / 0 failed/);

    execFileSync('tar', ['czf', 'security-rules-1.0.0.tgz', 'security-rules'], { cwd: author });
    await ok(['packs', 'keygen', 'team-signing']);
    await ok(['packs', 'sign', '--key', 'team-signing.key', 'security-rules-1.0.0.tgz']);
    const archive = fs.readFileSync(path.join(author, 'security-rules-1.0.0.tgz'));
    const server = await serve(
      new Map([
        ['/packs/security-rules-1.0.0.tgz', archive],
        ['/packs/security-rules-1.0.0.tgz.sig', fs.readFileSync(path.join(author, 'security-rules-1.0.0.tgz.sig'))],
      ]),
    );
    try {
      const repo = tmpDir('vigil-repo-');
      const pub = fs.readFileSync(path.join(author, 'team-signing.pub'), 'utf8').trim().split('\n').map((l) => `    ${l}`).join('\n');
      write(
        path.join(repo, '.vigil', 'config.yaml'),
        `packs:\n  - url: ${server.base}/packs/security-rules-1.0.0.tgz\n    sha256: ${sha256(archive)}\ntrust:\n  - |\n${pub}\n`,
      );
      write(path.join(repo, 'web', 'login.js'), 'function login(req) {\n  console.log(req.body);\n}\n');

      assert.match((await ok(['packs', 'fetch'], repo)).stdout, /downloaded .*with signature/);
      const list = await ok(['packs', 'list'], repo);
      assert.match(list.stdout, /^security-rules@0\.1\.0 {2}1 rule\(s\) {2}http:\/\/127\.0\.0\.1:\d+\/packs\/security-rules-1\.0\.0\.tgz {2}\[sha256 [0-9a-f]{12}… verified, signed by trusted key [0-9a-f]{16}\]$/m);
      await ok(['packs', 'lock'], repo);
      assert.ok(fs.existsSync(path.join(repo, '.vigil', 'packs.lock')));
      await ok(['packs', 'verify'], repo);

      const scan = await cli(['scan', '.', '--format', 'sarif', '--output', 'vigil.sarif', '--fail-on', 'medium'], repo);
      assert.equal(scan.code, 1, 'the team rule finding gates the build');
      const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'vigil.sarif'), 'utf8'));
      const results = sarif.runs[0].results as Array<{ ruleId: string }>;
      assert.ok(results.some((r) => r.ruleId === 'security-rules/no-logging-request-data'), JSON.stringify(results.map((r) => r.ruleId)));
    } finally {
      await server.close();
    }
  });
});
