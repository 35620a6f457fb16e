// Editor/CLI parity for one team config: the language server (dist/server.js over stdio) and `vigil scan` report the
// same findings for the same files, with overrides, a conflict choice, and a sha256-pinned URL pack from the cache.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../lsp/lspClient';
import { packYaml, runCli, serve, sha256, tmpDir, write } from './helpers';
import { PACKS_CONFIG, overridesWorkspace } from './overridesFixture';

const LEVEL: Record<string, number> = { critical: 1, high: 1, medium: 2, low: 3, info: 4 };

describe('editor and CLI parity for a team config', function () {
  this.timeout(180_000);
  let client: LspClient | undefined;
  const savedCache = process.env.XDG_CACHE_HOME;
  after(async () => {
    await client?.stop();
    if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedCache;
  });

  it('the language server and vigil scan report identical findings', async () => {
    const ws = overridesWorkspace();
    const cache = tmpDir('vigil-cache-');
    const remote = Buffer.from(packYaml('remote', { needle: 'remote_danger', severity: 'medium' }));
    const server = await serve(new Map([['/remote.yaml', remote]]));
    write(
      path.join(ws, '.vigil', 'config.yaml'),
      PACKS_CONFIG +
        `  - url: ${server.base}/remote.yaml\n    sha256: ${sha256(remote)}\n` +
        'minConfidence: low\nconflicts:\n  dup/bad-call: packs/dup-one\noverrides:\n  alpha/high-conf: { severity: critical, exclude: ["src/legacy/**"] }\n  beta/bad-call: { enabled: false }\n',
    );
    fs.appendFileSync(path.join(ws, 'src', 'app.js'), 'remote_danger(input);\n');
    const fetched = await runCli(['packs', 'fetch'], { cwd: ws, cache });
    assert.equal(fetched.code, 0, fetched.stderr);
    await server.close();

    const cli = await runCli(['scan', 'src', '--format', 'json', '--fail-on', 'none'], { cwd: ws, cache });
    assert.equal(cli.code, 0, cli.stderr);
    const cliFindings = (JSON.parse(cli.stdout) as { findings: Array<{ path: string; ruleId: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; fingerprint: string }> }).findings;
    const fromCli = cliFindings.map((f) => JSON.stringify([f.path, f.ruleId, LEVEL[f.severity], f.message, f.range, f.fingerprint])).sort();
    // The config decides something in every kind: a URL pack, a conflict, a severity, an exclude, a disabled rule.
    assert.deepEqual(cliFindings.map((f) => `${f.path} ${f.ruleId} ${f.severity}`).sort(), [
      'src/app.js alpha/high-conf critical',
      'src/app.js alpha/low-conf low',
      'src/app.js alpha/medium-conf medium',
      'src/app.js dup/bad-call high',
      'src/app.js remote/bad-call medium',
    ]);

    process.env.XDG_CACHE_HOME = cache;
    client = await LspClient.start({ folder: ws });
    const fromEditor: string[] = [];
    for (const rel of ['src/app.js', 'src/legacy/old.js']) {
      const uri = pathToFileURL(path.join(ws, rel)).href;
      client.open(uri, 'javascript', fs.readFileSync(path.join(ws, rel), 'utf8'));
      for (const d of await client.diagnosticsFor(uri, 1)) {
        const data = d.data as { ruleId: string; fingerprint: string };
        fromEditor.push(JSON.stringify([rel, data.ruleId, d.severity, d.message, d.range, data.fingerprint]));
      }
    }
    assert.deepEqual(fromEditor.sort(), fromCli);
  });
});
