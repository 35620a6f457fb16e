// LSP over stdio: diagnostics on open and edit, newest-version publishing, code actions, hover and custom requests.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/engine';
import { codeOf, LspClient, tempWorkspace, uriOf } from './lspClient';

const JS = [
  "const https = require('https');",
  'function run(userInput) {',
  '  eval(userInput);',
  '}',
  'const agent = new https.Agent({ rejectUnauthorized: false });',
  '',
].join('\n');

describe('language server: editing', function () {
  this.timeout(240_000);
  let c: LspClient;
  let ws: string;
  let uri: string;
  let text = JS;

  before(async () => {
    ws = tempWorkspace({ 'app.js': JS });
    uri = uriOf(path.join(ws, 'app.js'));
    c = await LspClient.start({ folder: ws });
  });
  after(async () => {
    await c?.stop();
  });

  it('publishes diagnostics on open with source, code, range, href, severity and data', async () => {
    c.open(uri, 'javascript', text, 1);
    const diags = await c.diagnosticsFor(uri, 1);
    const evalD = diags.find((d) => d.code === 'js/eval-injection');
    assert.ok(evalD, `eval finding expected, got ${diags.map(codeOf).join(', ')}`);
    assert.equal(evalD.source, 'vigil');
    assert.deepEqual(evalD.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 17 } });
    assert.match(evalD.codeDescription!.href, /eval-injection/);
    assert.equal(evalD.severity, 1, 'high maps to Error by default');
    assert.deepEqual(Object.keys(evalD.data as object).sort(), ['fingerprint', 'index', 'ruleId', 'version']);
    assert.equal((evalD.data as { version: number }).version, 1);
    const tls = diags.find((d) => d.code === 'js/tls-reject-unauthorized');
    assert.ok(tls);
    assert.equal(tls.range.start.line, 4);
  });

  it('publishes updated diagnostics after an incremental edit', async () => {
    // Replace `eval(userInput)` with `JSON.parse(userInput)`.
    const v = c.change(uri, { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } }, 'JSON.parse');
    text = text.replace('eval(userInput)', 'JSON.parse(userInput)');
    const diags = await c.diagnosticsFor(uri, v);
    assert.deepEqual(diags.map(codeOf), ['js/tls-reject-unauthorized']);
  });

  it('after rapid edits publishes only the newest version', async () => {
    // Sent right after the previous scan, so they fall in one scheduling window.
    const from = c.diagnostics.all.length;
    let v = 0;
    const inserts = ['e', 'v', 'a', 'l', '(', 'x', ')', ';'];
    let col = 0;
    for (const ch of inserts) {
      v = c.change(uri, { start: { line: 3, character: 1 + col }, end: { line: 3, character: 1 + col } }, ch);
      col++;
    }
    text = text.replace('}\nconst agent', '}eval(x);\nconst agent');
    const diags = await c.diagnosticsFor(uri, v, from);
    const published = c.diagnostics.all.slice(from).filter((p) => p.uri === uri);
    assert.deepEqual(published.map((p) => p.version), [v], 'no intermediate version is published');
    assert.ok(diags.some((d) => d.code === 'js/eval-injection' && d.range.start.line === 3));
  });

  it('incremental parsing gives the same diagnostics as a fresh parse of the same text', async () => {
    const other = uriOf(path.join(ws, 'fresh.js'));
    c.open(other, 'javascript', text, 1);
    const fresh = await c.diagnosticsFor(other, 1);
    const current = c.diagnostics.all.filter((p) => p.uri === uri).pop()!.diagnostics;
    const strip = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range }));
    assert.deepEqual(strip(current), strip(fresh));
  });

  it('offers a preferred fix, a suppression and ask-for-help for a finding, answered from stored findings', async () => {
    const current = c.diagnostics.all.filter((p) => p.uri === uri).pop()!;
    const tls = current.diagnostics.find((d) => d.code === 'js/tls-reject-unauthorized')!;
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: tls.range, context: { diagnostics: [tls], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.edit);
    assert.ok(fix, 'a fix action');
    assert.equal(fix.isPreferred, true, 'high-confidence fixes are preferred');
    const change = fix.edit!.documentChanges![0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.equal(change.textDocument.version, current.version, 'the edit is pinned to the scanned version');
    const fixed = applyEdits(text, change.edits);
    assert.match(fixed, /rejectUnauthorized: true/);
    const suppress = actions.find((a) => a.command?.command === 'vigil.suppressFinding');
    assert.deepEqual(suppress?.command?.arguments, [{ uri, ruleId: 'js/tls-reject-unauthorized', line: 4, range: tls.range }]);
    const ask = actions.find((a) => a.command?.command === 'vigil.askForHelp');
    assert.deepEqual(ask?.command?.arguments, [{ uri, range: tls.range, ruleId: 'js/tls-reject-unauthorized' }]);
  });

  it('offers no action from diagnostics of an outdated version', async () => {
    const current = c.diagnostics.all.filter((p) => p.uri === uri).pop()!;
    const stale = current.diagnostics.map((d) => ({ ...d, data: { ...(d.data as object), version: (current.version ?? 0) - 1 } }));
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: stale[0].range, context: { diagnostics: stale, only: ['quickfix'] },
    });
    assert.deepEqual(actions, []);
  });

  it('source.fixAll.vigil applies every safe fix', async () => {
    const fixUri = uriOf(path.join(ws, 'fixall.js'));
    const src = "tls.connect({ rejectUnauthorized: false });\nrequest({ url, strictSSL: false });\n";
    c.open(fixUri, 'javascript', src, 1);
    const diags = await c.diagnosticsFor(fixUri, 1);
    assert.equal(diags.filter((d) => d.code === 'js/tls-reject-unauthorized').length, 2);
    const actions = await c.conn.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: fixUri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.vigil'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.vigil');
    const edits = (actions[0].edit!.documentChanges![0] as { edits: TextEdit[] }).edits;
    assert.equal(applyEdits(src, edits), "tls.connect({ rejectUnauthorized: true });\nrequest({ url, strictSSL: true });\n");
  });

  it('computes the suppression comment with the indentation and comment syntax', async () => {
    const res = await c.conn.sendRequest<{ edit?: TextEdit }>('vigil/suppressionEdit', {
      uri, ruleId: 'js/eval-injection', line: 2, reason: 'input is a constant\nfrom config */ evil()',
    });
    assert.ok(res.edit);
    assert.deepEqual(res.edit.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
    assert.equal(res.edit.newText, '  // vigil-ignore js/eval-injection -- input is a constant from config * / evil()\n');
  });

  it('a suppression with a reason hides the finding; one without a reason is reported itself', async () => {
    const sUri = uriOf(path.join(ws, 'suppressed.js'));
    const src = [
      '// vigil-ignore js/eval-injection -- the expression comes from our build-time table',
      'eval(expr);',
      '// vigil-ignore js/eval-injection',
      'eval(other);',
      '',
    ].join('\n');
    c.open(sUri, 'javascript', src, 1);
    const diags = await c.diagnosticsFor(sUri, 1);
    const codes = diags.map((d) => `${d.code}@${d.range.start.line}`).sort();
    assert.deepEqual(codes, ['js/eval-injection@3', 'vigil/suppression-no-reason@2']);
  });

  it('hover on a finding shows guidance with CWE and OWASP links', async () => {
    const hover = await c.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 35 } });
    assert.ok(hover);
    const md = (hover.contents as { kind: string; value: string });
    assert.equal(md.kind, 'markdown');
    assert.match(md.value, /js\/tls-reject-unauthorized/);
    assert.match(md.value, /\[CWE-295\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/295\.html\)/);
    assert.match(md.value, /\(https:\/\/owasp\.org\/Top10\/\)/);
    const none = await c.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  it('answers vigil/findingContext with the finding and a redacted snippet', async () => {
    const sUri = uriOf(path.join(ws, 'secret.js'));
    const src = [
      "const key = 'AKIA4HQ7ZPX2MBNL6TRW';",
      'function f(code) {',
      '  eval(code);',
      '}',
      '',
    ].join('\n');
    c.open(sUri, 'javascript', src, 1);
    await c.diagnosticsFor(sUri, 1);
    const ctx = await c.conn.sendRequest<any>('vigil/findingContext', {
      uri: sUri, range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } }, contextLines: 2,
    });
    assert.equal(ctx.finding?.ruleId, 'js/eval-injection');
    assert.equal(ctx.startLine, 0);
    assert.equal(ctx.endLine, 4);
    assert.doesNotMatch(ctx.snippet, /AKIA4HQ7ZPX2MBNL6TRW/);
    assert.match(ctx.snippet, /«redacted:/);
    assert.ok(ctx.redactions.some((r: { line: number }) => r.line === 0));
  });

  it('answers vigil/ruleGuidance, vigil/rules and vigil/packs', async () => {
    const g = await c.conn.sendRequest<{ markdown: string }>('vigil/ruleGuidance', { ruleId: 'js/eval-injection' });
    assert.match(g.markdown, /CWE-95/);
    const unknown = await c.conn.sendRequest<{ markdown: string }>('vigil/ruleGuidance', { ruleId: 'nope/nothing' });
    assert.equal(unknown.markdown, '');
    const rules = await c.conn.sendRequest<Array<{ id: string }>>('vigil/rules', {});
    assert.ok(rules.some((r) => r.id === 'js/eval-injection'));
    const packs = await c.conn.sendRequest<Array<{ id: string; ruleCount: number }>>('vigil/packs', {});
    assert.ok(packs.find((p) => p.id === 'js')!.ruleCount > 0);
  });

  it('clears diagnostics when a document is closed', async () => {
    const from = c.diagnostics.all.length;
    void c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await c.diagnostics.next((p) => p.uri === uri, from);
    assert.deepEqual(cleared.diagnostics, []);
  });
});
