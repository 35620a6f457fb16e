// Unit tests of the server's pure parts: settings layering, document edits, fix-all overlap, suppression text, git hunks.
import { strict as assert } from 'node:assert';
import { ParsedDocument, initEngine } from '../../server/src/engine';
import type { Finding } from '../../server/src/engine/types';
import { parseChangedLines } from '../../server/src/lsp/changedLines';
import { fixAllEdits } from '../../server/src/lsp/codeActions';
import { shownFindings } from '../../server/src/lsp/diagnostics';
import { DocumentStore } from '../../server/src/lsp/documents';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../server/src/lsp/settings';
import { cleanReason, suppressionEdit } from '../../server/src/lsp/suppressionEdit';
import { effectiveSettings, mergeConfig } from '../../server/src/lsp/workspaceRules';

function finding(ruleId: string, line: number, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId, title: ruleId, message: ruleId, severity: 'high', confidence: 'high', cwe: [], owasp: [], fingerprint: ruleId + line,
    range: { start: { line, character: 0 }, end: { line, character: 5 } }, ...extra,
  };
}

describe('language server units', () => {
  it('layers settings: defaults < .vigil/config.yaml < explicit user settings', () => {
    const file = { minSeverity: 'medium' as const, exclude: ['dist/**'], overrides: { 'a/x': { enabled: false }, 'a/y': { severity: 'low' as const } } };
    const merged = mergeConfig(file, { exclude: ['tmp/**'], overrides: { 'a/y': { enabled: false } } });
    assert.equal(merged.minSeverity, 'medium', 'the file applies when the user set nothing');
    assert.deepEqual(merged.exclude, ['dist/**', 'tmp/**']);
    assert.deepEqual(merged.overrides, { 'a/x': { enabled: false }, 'a/y': { severity: 'low', enabled: false } });
    assert.equal(mergeConfig(file, { minSeverity: 'critical' }).minSeverity, 'critical', 'an explicit user value wins');
    const eff = effectiveSettings(mergeConfig({}, {}), {});
    assert.equal(eff.minSeverity, DEFAULT_SETTINGS.minSeverity);
    assert.equal(eff.maxFileSize, DEFAULT_SETTINGS.maxFileSize);
  });

  it('drops ill-typed settings instead of failing', () => {
    const s = sanitizeSettings({ enable: 'yes', minSeverity: 'extreme', packs: ['a', 3], maxFileSize: -1, severityMap: { high: 'hint', low: 'loud' } });
    assert.deepEqual(s, { packs: ['a'], severityMap: { ...DEFAULT_SETTINGS.severityMap, high: 'hint' } });
    assert.deepEqual(sanitizeSettings(null), {});
  });

  it('shows unsuppressed findings above the thresholds, and always the broken-suppression findings', () => {
    const list = [
      finding('a/high', 0),
      finding('a/low', 1, { severity: 'low' }),
      finding('a/lowconf', 2, { confidence: 'low' }),
      finding('a/suppressed', 3, { suppression: { reason: 'ok', line: 2 } }),
      finding('vigil/suppression-expired', 4, { severity: 'info' }),
    ];
    assert.deepEqual(shownFindings(list, { minSeverity: 'medium', minConfidence: 'medium' }).map((f) => f.ruleId), ['a/high', 'vigil/suppression-expired']);
  });

  it('fix-all keeps the first of overlapping fixes and sorts edits', () => {
    const e = (line: number, a: number, b: number, t: string) => ({ range: { start: { line, character: a }, end: { line, character: b } }, newText: t });
    const edits = fixAllEdits([
      finding('a/1', 1, { fix: { title: 'x', edits: [e(1, 0, 4, 'A')] } }),
      finding('a/2', 1, { fix: { title: 'y', edits: [e(1, 2, 6, 'B')] } }),
      finding('a/3', 0, { fix: { title: 'z', edits: [e(0, 0, 1, 'C')] } }),
      finding('a/4', 2),
    ]);
    assert.deepEqual(edits.map((x) => x.newText), ['C', 'A']);
  });

  it('writes the suppression above the finding, or at the line end when a suppression is already above', () => {
    const text = 'def f(x):\n    return eval(x)\n';
    assert.deepEqual(suppressionEdit(text, 'python', 'py/eval', 1, 'trusted input'), {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '    # vigil-ignore py/eval -- trusted input\n',
    });
    const crlf = 'a();\r\n// vigil-ignore js/a -- ok\r\n  eval(x);\r\n';
    const e = suppressionEdit(crlf, 'javascript', 'js/eval', 2, 'why');
    assert.deepEqual(e, { range: { start: { line: 2, character: 10 }, end: { line: 2, character: 10 } }, newText: ' // vigil-ignore js/eval -- why' });
    assert.equal(suppressionEdit('{"a": 1}', 'json', 'x/y', 0, 'why'), undefined, 'JSON holds no comments');
    assert.equal(suppressionEdit('x', 'javascript', 'x/y', 0, '  \n '), undefined, 'a reason is required');
    assert.equal(cleanReason('a\nb */ c --> d'), 'a b * / c -- > d');
  });

  it('parses git hunk headers into changed lines', () => {
    const diff = ['diff --git a/x b/x', '@@ -3 +3 @@', '-a', '+b', '@@ -10,0 +11,2 @@', '+c', '+d', '@@ -20,2 +22,0 @@'].join('\n');
    assert.deepEqual([...parseChangedLines(diff)].sort((a, b) => a - b), [2, 10, 11]);
  });

  it('applies incremental changes to the text and feeds matching tree edits', async () => {
    await initEngine();
    const store = new DocumentStore();
    const edits: unknown[] = [];
    const d = store.open('file:///t.js', 'javascript', 1, 'let a = 1;\nlet b = 2;\n');
    const orig = d.parsed.edit.bind(d.parsed);
    d.parsed.edit = (e) => {
      edits.push(e);
      orig(e);
    };
    store.change('file:///t.js', 2, [
      { range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: 'bee\nlet c' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// x\n' },
    ]);
    assert.equal(d.doc.getText(), '// x\nlet a = 1;\nlet bee\nlet c = 2;\n');
    assert.equal(d.doc.version, 2);
    assert.deepEqual(edits[0], {
      startIndex: 15, oldEndIndex: 16, newEndIndex: 24,
      startPosition: { row: 1, column: 4 }, oldEndPosition: { row: 1, column: 5 }, newEndPosition: { row: 2, column: 5 },
    });
    assert.ok(d.parsed instanceof ParsedDocument);
    store.change('file:///t.js', 3, [{ text: 'fresh' }]);
    assert.equal(store.get('file:///t.js')!.doc.getText(), 'fresh');
  });
});
