// LSP over stdio: with vigil.onlyChangedLines, only findings on lines changed since the last commit are shown.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, tempWorkspace, uriOf } from './lspClient';

describe('language server: only changed lines', function () {
  this.timeout(300_000);

  it('shows findings on changed lines only, and all of them when the mode is off', async () => {
    const committed = 'eval(a);\nconst x = 1;\n';
    const ws = tempWorkspace({ 'app.js': committed });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: ws });
    git('init', '-q');
    git('add', 'app.js');
    git('commit', '-qm', 'first');
    const edited = 'eval(a);\nconst x = 1;\neval(b);\n';
    fs.writeFileSync(path.join(ws, 'app.js'), edited);
    let settings: Record<string, unknown> = { onlyChangedLines: true };
    const c = await LspClient.start({ folder: ws, settings: () => settings });
    try {
      const uri = uriOf(path.join(ws, 'app.js'));
      c.open(uri, 'javascript', edited, 1);
      const only = await c.diagnosticsFor(uri, 1);
      assert.deepEqual(only.map((d) => `${d.code}@${d.range.start.line}`), ['js/eval-injection@2']);
      settings = {};
      const from = c.diagnostics.all.length;
      void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const all = await c.diagnostics.next((p) => p.uri === uri, from);
      assert.deepEqual(all.diagnostics.map((d) => `${d.code}@${d.range.start.line}`), ['js/eval-injection@0', 'js/eval-injection@2']);
    } finally {
      await c.stop();
    }
  });
});
