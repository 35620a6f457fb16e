// LSP over stdio: workspace scan progress, pulled settings and their changes, broken packs on the status, hot reload.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeOf, LspClient, tempWorkspace, uriOf } from './lspClient';

export function teamPack(id: string, call: string): string {
  return [
    'pack:',
    `  id: ${id}`,
    '  version: 1.0.0',
    '  description: Team rules written by a test',
    'rules:',
    `  - id: ${id}/no-${call.toLowerCase()}`,
    `    title: Call to ${call}`,
    `    message: ${call}() must not ship.`,
    '    severity: medium',
    '    confidence: high',
    '    languages: [javascript]',
    '    cwe: [CWE-489]',
    '    owasp: [A05:2021]',
    '    patterns:',
    `      - regex: '\\b${call}\\('`,
    '    guidance: Remove the call before release.',
    '',
  ].join('\n');
}

const APP = "debugHook();\neval(userInput);\nconst c = crypto.createHash('md5');\n";

describe('language server: workspace', function () {
  this.timeout(300_000);
  let c: LspClient;
  let ws: string;
  let settings: Record<string, unknown> = {};

  before(async () => {
    ws = tempWorkspace({
      'src/app.js': APP,
      'src/util.py': 'import pickle\n\ndef load(data):\n    return pickle.loads(data)\n',
      'img/logo.png': '',
      'big.js': `// ${'x'.repeat(200)}\n`.repeat(100),
      'vendor/lib.js': 'eval(x);\n',
      '.vigil/config.yaml': 'exclude:\n  - "vendor/**"\n',
      // A broken pack (bad YAML at line 3) next to a good one: the good one must still load.
      '.vigil/rules/broken.yaml': 'pack:\n  id: broken\n  version: [1.0.0\nrules: []\n',
      '.vigil/rules/team.yaml': teamPack('team', 'debugHook'),
    });
    fs.writeFileSync(path.join(ws, 'img/logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]));
    c = await LspClient.start({ folder: ws, settings: () => settings });
  });
  after(async () => {
    await c?.stop();
  });

  it('reports a broken pack with file:line on vigil/status while the other packs work', async () => {
    const status = await c.status.next((s) => s.errors.length > 0);
    const err = status.errors.find((e: { file: string }) => e.file.endsWith('broken.yaml'));
    assert.ok(err, JSON.stringify(status.errors));
    assert.equal(typeof err.line, 'number');
    assert.ok(status.packs.some((p: { id: string }) => p.id === 'team'));
    assert.ok(status.packs.some((p: { id: string }) => p.id === 'js'));
    assert.ok(status.ruleCount > 10);
    const uri = uriOf(path.join(ws, 'src/app.js'));
    c.open(uri, 'javascript', APP, 1);
    const diags = await c.diagnosticsFor(uri, 1);
    assert.ok(diags.some((d) => d.code === 'team/no-debughook'), diags.map(codeOf).join());
    assert.ok(diags.some((d) => d.code === 'js/eval-injection'));
    // The same error is not repeated in the log on every scan.
    const logged = c.logs.filter((l) => l.includes('broken.yaml'));
    assert.equal(logged.length, 1, logged.join('\n'));
  });

  it('scans the workspace with work-done progress and counts skipped files', async () => {
    const token = 'scan-1';
    const fromP = c.progress.all.length;
    const fromD = c.diagnostics.all.length;
    const result = await c.conn.sendRequest<any>('vigil/scanWorkspace', { workDoneToken: token });
    const mine = c.progress.all.slice(fromP).filter((p) => p.token === token).map((p) => p.value);
    assert.equal(mine[0].kind, 'begin');
    assert.equal(mine[0].cancellable, true);
    assert.equal(mine[mine.length - 1].kind, 'end');
    const reports = mine.filter((v) => v.kind === 'report');
    assert.ok(reports.length > 0);
    assert.ok(reports.every((r) => typeof r.percentage === 'number' && r.percentage >= 0 && r.percentage <= 100));
    assert.equal(result.cancelled, false);
    assert.ok(result.filesScanned >= 2, JSON.stringify(result));
    assert.equal(result.filesSkipped.binary, 1, JSON.stringify(result));
    assert.ok(result.filesSkipped.excluded >= 1, 'vendor/ is excluded by .vigil/config.yaml');
    // Closed files get diagnostics from the scan; the excluded one does not.
    const py = uriOf(path.join(ws, 'src/util.py'));
    const pyDiags = c.diagnostics.all.slice(fromD).find((p) => p.uri === py);
    assert.ok(pyDiags && pyDiags.diagnostics.length > 0, 'util.py diagnostics published');
    assert.ok(!c.diagnostics.all.slice(fromD).some((p) => p.uri.endsWith('vendor/lib.js')));
  });

  it('honours a file size limit from the settings in the workspace scan', async () => {
    settings = { maxFileSize: 1000 };
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.status.next(() => true, c.status.all.length);
    const result = await c.conn.sendRequest<any>('vigil/scanWorkspace', {});
    assert.ok(result.filesSkipped.tooLarge >= 1, JSON.stringify(result));
  });

  it('pulls settings per resource and applies changes: minimum severity, overrides, severity map, enable', async () => {
    const uri = uriOf(path.join(ws, 'src/app.js'));
    const before = c.diagnostics.all.filter((p) => p.uri === uri).pop()!;
    assert.ok(before.diagnostics.some((d) => d.code === 'team/no-debughook'));
    assert.ok(c.configRequests.some((r: any) => r.items.some((i: any) => i.section === 'vigil' && i.scopeUri === uri)));

    settings = { minSeverity: 'high', severityMap: { high: 'information' }, overrides: { 'js/eval-injection': { severity: 'critical' } } };
    let from = c.diagnostics.all.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // A scan that was already running when the settings changed may publish once more; wait for the new settings.
    // A server that never applies them leaves this waiting until the test times out.
    const has = (p: { diagnostics: Array<{ code?: unknown }> }, code: string) => p.diagnostics.some((d) => d.code === code);
    let after = await c.diagnostics.next((p) => p.uri === uri && !has(p, 'team/no-debughook'), from);
    assert.ok(!has(after, 'team/no-debughook'), 'medium is below the minimum');
    const evalD = after.diagnostics.find((d) => d.code === 'js/eval-injection');
    assert.ok(evalD);
    assert.equal(evalD.severity, 1, 'critical (override) maps to Error');

    settings = { overrides: { 'js/eval-injection': { enabled: false } }, severityMap: { medium: 'hint' } };
    from = c.diagnostics.all.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    after = await c.diagnostics.next((p) => p.uri === uri && !has(p, 'js/eval-injection'), from);
    assert.ok(!has(after, 'js/eval-injection'), 'disabled by override');
    assert.equal(after.diagnostics.find((d) => d.code === 'team/no-debughook')?.severity, 4, 'medium mapped to Hint');

    settings = { enable: false };
    from = c.diagnostics.all.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    after = await c.diagnostics.next((p) => p.uri === uri && p.diagnostics.length === 0, from);
    assert.deepEqual(after.diagnostics, []);
    settings = {};
    from = c.diagnostics.all.length;
    void c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    after = await c.diagnostics.next((p) => p.uri === uri && p.diagnostics.length > 0, from);
    assert.ok(after.diagnostics.some((d) => d.code === 'js/eval-injection'));
  });

  it('hot-reloads a pack written into .vigil/rules and refreshes open documents', async () => {
    const uri = uriOf(path.join(ws, 'src/app.js'));
    const text = 'auditTrap();\n';
    c.open(uri.replace('app.js', 'trap.js'), 'javascript', text, 1);
    const first = await c.diagnosticsFor(uri.replace('app.js', 'trap.js'), 1);
    assert.deepEqual(first.map(codeOf), []);
    const file = path.join(ws, '.vigil/rules/audit.yaml');
    fs.writeFileSync(file, teamPack('audit', 'auditTrap'));
    const from = c.diagnostics.all.length;
    void c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
    const after = await c.diagnostics.next((p) => p.uri.endsWith('trap.js') && p.diagnostics.length > 0, from);
    assert.deepEqual(after.diagnostics.map(codeOf), ['audit/no-audittrap']);
    const status = await c.status.next((s) => s.packs.some((p: { id: string }) => p.id === 'audit'));
    assert.ok(status.ruleCount > 0);
  });
});
