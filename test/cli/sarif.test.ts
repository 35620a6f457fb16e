// `vigil scan --format sarif` output: validated by Microsoft's SARIF multitool and checked for the fields code scanning uses.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, runCli } from '../helpers/cli';

const MULTITOOL = path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool-linux');

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; helpUri?: string; help: { markdown: string }; properties: { tags: string[]; 'security-severity': string } }> } };
    results: Array<{
      ruleId: string;
      level: string;
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
      partialFingerprints: Record<string, string>;
      fixes?: unknown[];
      suppressions?: Array<{ kind: string; justification: string }>;
    }>;
  }>;
}

describe('vigil scan --format sarif', function () {
  this.timeout(180_000);
  let dir: string;
  let log: SarifLog;
  let file: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-sarif-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(
      path.join(dir, 'src', 'app.js'),
      [
        "const https = require('https');",
        "const agent = new https.Agent({ rejectUnauthorized: false });",
        'function run(req) {',
        '  // vigil-ignore js/eval-injection -- expression is validated against a grammar first',
        '  return eval(req.query.expr);',
        '}',
        "const hash = require('crypto').createHash('md5').update(password).digest('hex');",
        '',
      ].join('\n'),
    );
    file = path.join(dir, 'out.sarif');
    const r = runCli(['scan', 'src', '--format', 'sarif', '--output', file, '--fail-on', 'none'], dir);
    assert.strictEqual(r.code, 0, r.stderr);
    log = JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
  });

  it('validates against the SARIF 2.1.0 schema (sarif-multitool)', () => {
    const out = path.join(dir, 'validation.sarif');
    const v = spawnSync(MULTITOOL, ['validate', file, '-o', out, '--log', 'ForceOverwrite'], { encoding: 'utf8' });
    assert.ok(fs.existsSync(out), `multitool wrote no report: ${v.stdout}${v.stderr}`);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: Array<{ results?: Array<{ ruleId: string; level?: string; message: { text?: string } }> }> };
    const errors = (report.runs[0].results ?? []).filter((r) => r.level === 'error');
    assert.deepStrictEqual(errors.map((e) => `${e.ruleId}: ${e.message.text ?? ''}`), []);
  });

  it('describes rules with CWE/OWASP tags, security-severity and guidance', () => {
    const rules = log.runs[0].tool.driver.rules;
    assert.ok(rules.length > 50, 'all built-in rules are described');
    for (const r of rules) {
      assert.ok(r.properties.tags.some((t) => /^CWE-\d+$/.test(t)), `${r.id} has a CWE tag`);
      assert.ok(r.properties.tags.some((t) => /^OWASP-A\d\d:20\d\d$/.test(t)), `${r.id} has an OWASP tag`);
      assert.match(r.properties['security-severity'], /^\d+\.\d$/);
      assert.ok(r.help.markdown.length > 20, `${r.id} has guidance markdown`);
    }
  });

  it('reports results with 1-based regions, fingerprints, fixes and suppressions', () => {
    const results = log.runs[0].results;
    const tls = results.find((r) => r.ruleId === 'js/tls-reject-unauthorized');
    assert.ok(tls, `TLS finding present: ${results.map((r) => r.ruleId).join(', ')}`);
    assert.strictEqual(tls.locations[0].physicalLocation.artifactLocation.uri, 'src/app.js');
    assert.strictEqual(tls.locations[0].physicalLocation.region.startLine, 2);
    assert.ok(tls.fixes && tls.fixes.length === 1, 'the TLS finding carries its fix');
    for (const r of results) assert.match(r.partialFingerprints['vigilFingerprint/v1'], /^[0-9a-f]{32}$/);
    const ev = results.find((r) => r.ruleId === 'js/eval-injection');
    assert.ok(ev?.suppressions, 'the suppressed eval finding is kept, marked as suppressed');
    assert.strictEqual(ev.suppressions[0].kind, 'inSource');
    assert.match(ev.suppressions[0].justification, /validated against a grammar/);
  });
});
