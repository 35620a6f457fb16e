// Parity: for every fixture file, the language server's diagnostics equal the CLI's findings (rule id and range).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../../server/src/engine';
import { LspClient, ROOT, uriOf } from './lspClient';
import { filesUnder } from '../helpers/files';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');

function fixtureFiles(dir: string): string[] {
  return filesUnder(dir).filter((f) => !/\.fixed\.[^.]+$/.test(path.basename(f)));
}

/** The language id VS Code would send for the file (it names JSX files javascriptreact). */
function editorLanguage(file: string): string {
  if (file.endsWith('.jsx')) return 'javascriptreact';
  return languageForPath(file) ?? 'plaintext';
}

interface CliFinding {
  path: string;
  ruleId: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  suppression?: unknown;
}

function runCli(files: string[]): Promise<{ findings: CliFinding[]; skipped: Array<{ path: string }> }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'scan', '--format', 'json', '--fail-on', 'none', ...files],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
        if (err && !stdout) reject(new Error(`${err.message}\n${stderr}`));
        else resolve(JSON.parse(stdout));
      });
  });
}

const key = (ruleId: string, r: CliFinding['range']) => `${ruleId}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('language server: parity with the CLI', function () {
  this.timeout(600_000);

  it('reports the same rule ids and ranges as `vigil scan --format json` for every fixture', async () => {
    const files = fixtureFiles(FIXTURES);
    assert.ok(files.length > 20, 'fixtures exist');
    const cli = await runCli(files.map((f) => path.relative(ROOT, f)));
    const skipped = new Set(cli.skipped.map((s) => s.path));
    const expected = new Map<string, string[]>();
    for (const f of cli.findings) {
      if (f.suppression) continue;
      const list = expected.get(f.path) ?? [];
      list.push(key(f.ruleId, f.range));
      expected.set(f.path, list);
    }

    const c = await LspClient.start({ folder: ROOT });
    try {
      const mismatches: string[] = [];
      let compared = 0;
      let total = 0;
      for (const file of files) {
        const rel = path.relative(ROOT, file).split(path.sep).join('/');
        if (skipped.has(rel)) continue;
        const uri = uriOf(file);
        c.open(uri, editorLanguage(file), fs.readFileSync(file, 'utf8'), 1);
        const diags = await c.diagnosticsFor(uri, 1);
        const got = diags.map((d) => key(String(d.code), d.range)).sort();
        const want = (expected.get(rel) ?? []).sort();
        total += want.length;
        compared++;
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${rel}\n  server: ${got.join(' ')}\n  cli:    ${want.join(' ')}`);
        void c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      assert.ok(compared > 20 && total > 20, `compared ${compared} files with ${total} findings`);
      assert.deepEqual(mismatches, []);
    } finally {
      await c.stop();
    }
  });
});
