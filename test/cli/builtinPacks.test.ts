// Every built-in rule has guidance, ruleid:/ok: fixtures that agree with the engine, and a .fixed file for its fix;
// the README's rule table matches the packs.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT, runCli } from '../helpers/cli';

describe('built-in rule packs', function () {
  this.timeout(300_000);

  it('vigil test passes every fixture of every built-in pack', () => {
    const r = runCli(['test']);
    const summary = /(\d+) passed, (\d+) failed/.exec(r.stdout);
    assert.ok(summary, r.stdout + r.stderr);
    assert.strictEqual(Number(summary[2]), 0, r.stdout);
    assert.ok(Number(summary[1]) > 300, `only ${summary[1]} expectations ran`);
    assert.strictEqual(r.code, 0);
  });

  it('the README rule table is generated from the packs and up to date', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'rulesTable.mjs'), '--check'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
  });
});
