// LSP over stdio: a large workspace scan runs on worker threads and stops when the request is cancelled.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspClient, tempWorkspace } from './lspClient';

describe('language server: workspace scan cancellation', function () {
  this.timeout(300_000);

  it('stops a multi-threaded scan when cancelled and ends its progress', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`src/m${i}.js`] = `function f${i}(x) {\n  return eval(x);\n}\n`;
    const ws = tempWorkspace(files);
    const c = await LspClient.start({ folder: ws });
    try {
      const token = 'scan-cancel';
      const source = new CancellationTokenSource();
      const from = c.progress.all.length;
      // Cancel as soon as the first batch of files is reported done.
      void c.progress.next((p) => p.token === token && p.value.kind === 'report' && /\d+\/\d+/.test(p.value.message ?? ''), from)
        .then(() => source.cancel());
      let result: any;
      try {
        result = await c.conn.sendRequest('vigil/scanWorkspace', { workDoneToken: token }, source.token);
      } catch (e) {
        result = { error: (e as { code?: number }).code };
      }
      assert.ok(result.cancelled === true || result.error === -32800, JSON.stringify(result));
      if (result.cancelled) assert.ok(result.filesScanned < 400, `stopped early: ${result.filesScanned} files`);
      const end = await c.progress.next((p) => p.token === token && p.value.kind === 'end', from);
      assert.equal(end.value.kind, 'end');
    } finally {
      await c.stop();
    }
  });
});
