// Overrides and conflicts, table-driven: each case is one .vigil/config.yaml, checked through the engine in-process
// and through the real `vigil scan`, which must agree.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initEngine, loadRuleSet, parseConfigText, scan } from '../../server/src/engine';
import { runCli, tmpDir, write } from './helpers';
import { OVERRIDE_CASES, PACKS_CONFIG, overridesWorkspace } from './overridesFixture';

describe('overrides and conflicts (table-driven)', function () {
  this.timeout(120_000);
  let ws: string;
  const cache = tmpDir('vigil-cache-');
  before(async () => {
    await initEngine();
    ws = overridesWorkspace();
  });

  for (const c of OVERRIDE_CASES) {
    it(`engine: ${c.name}`, () => {
      const { config, problems: configProblems } = parseConfigText(PACKS_CONFIG + c.config, 'config.yaml');
      assert.deepEqual(configProblems, []);
      const loaded = loadRuleSet({ builtinDir: false, workspaceRoot: ws, config });
      const found: string[] = [];
      for (const rel of ['src/app.js', 'src/legacy/old.js']) {
        const r = scan(fs.readFileSync(path.join(ws, rel), 'utf8'), 'javascript', loaded.ruleSet, { path: rel });
        for (const f of r.findings) found.push(`${rel} ${f.ruleId} ${f.severity}`);
      }
      assert.deepEqual(found.sort(), [...c.findings].sort());
      const messages = loaded.problems.map((p) => p.message);
      for (const re of c.problems ?? []) assert.ok(messages.some((m) => re.test(m)), `${re} not in ${JSON.stringify(messages)}`);
      for (const re of c.noProblems ?? []) assert.ok(!messages.some((m) => re.test(m)), `${re} in ${JSON.stringify(messages)}`);
      if (!c.problems?.length) assert.ok(messages.every((m) => /rule dup\/bad-call is defined by/.test(m)), JSON.stringify(messages));
    });
  }

  it('CLI: vigil scan gives the same findings for every case', async () => {
    for (const c of OVERRIDE_CASES) {
      write(path.join(ws, '.vigil', 'config.yaml'), PACKS_CONFIG + c.config);
      const r = await runCli(['scan', 'src', '--format', 'json', '--fail-on', 'none'], { cwd: ws, cache });
      assert.equal(r.code, 0, `${c.name}: ${r.stderr}`);
      const out = JSON.parse(r.stdout) as { findings: Array<{ path: string; ruleId: string; severity: string }>; problems: Array<{ message: string }> };
      assert.deepEqual(out.findings.map((f) => `${f.path} ${f.ruleId} ${f.severity}`).sort(), [...c.findings].sort(), c.name);
      for (const re of c.problems ?? []) assert.ok(out.problems.some((p) => re.test(p.message)), `${c.name}: ${re}`);
    }
  });
});
