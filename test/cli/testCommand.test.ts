// `vigil test` on a team pack: passing fixtures, and each way a fixture or rule can fail (printed as file:line).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';

const PACK = `pack: { id: demo, version: 0.1.0, description: Demo }
rules:
  - id: demo/exec-call
    title: exec with a non-literal
    message: exec() runs a command built at run time.
    severity: high
    confidence: medium
    languages: [javascript]
    cwe: [CWE-78]
    owasp: [A03:2021]
    patterns:
      - query: |
          (call_expression function: (identifier) @f (#eq? @f "exec") arguments: (arguments . (_) @cmd)) @match
        where: [{ capture: cmd, literal: false }]
    fix: { replace: 'execFile(\${cmd}, [])', title: Use execFile }
    guidance: guidance.md
`;

function makePack(fixture: string, fixed?: string, guidance = '# exec\nUse execFile.'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
  fs.writeFileSync(path.join(dir, 'pack.yaml'), PACK);
  if (guidance) fs.writeFileSync(path.join(dir, 'guidance.md'), guidance);
  fs.mkdirSync(path.join(dir, 'fixtures'));
  fs.writeFileSync(path.join(dir, 'fixtures', 'exec.js'), fixture);
  if (fixed !== undefined) fs.writeFileSync(path.join(dir, 'fixtures', 'exec.fixed.js'), fixed);
  return dir;
}

const GOOD = '// ruleid: demo/exec-call\nexec(cmd);\n// ok: demo/exec-call\nexec("ls");\n';
const GOOD_FIXED = '// ruleid: demo/exec-call\nexecFile(cmd, []);\n// ok: demo/exec-call\nexec("ls");\n';

describe('vigil test (CLI)', function () {
  this.timeout(60_000);

  it('passes a pack whose fixtures agree', () => {
    const r = runCli(['test', makePack(GOOD, GOOD_FIXED)]);
    assert.strictEqual(r.code, 0, r.stdout);
    assert.match(r.stdout, /^5 passed, 0 failed$/m);
  });

  it('reports a missed ruleid:, an ok: that fires and an unannotated finding, by file:line', () => {
    const bad = '// ruleid: demo/exec-call\nexec("ls");\n// ok: demo/exec-call\nexec(a);\nexec(b);\n';
    const r = runCli(['test', makePack(bad, bad)]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /exec\.js:2: expected demo\/exec-call here, got nothing/);
    assert.match(r.stdout, /exec\.js:4: demo\/exec-call reported on an ok: line/);
    assert.match(r.stdout, /exec\.js:5: unexpected demo\/exec-call \(no ruleid: annotation\)/);
    assert.match(r.stdout, /exec\.js:4: applying the fixes does not give the \.fixed file/);
    assert.match(r.stdout, /\d+ passed, [1-9]\d* failed/);
  });

  it('fails a rule without guidance, without an ok: case, or without a .fixed file for its fix', () => {
    const r = runCli(['test', makePack('// ruleid: demo/exec-call\nexec(cmd);\n', undefined, '')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /guidance page guidance\.md: file not found/);
    const r2 = runCli(['test', makePack('// ruleid: demo/exec-call\nexec(cmd);\n')]);
    assert.match(r2.stdout, /demo\/exec-call has no an ok: fixture case, no a \.fixed fixture for its fix/);
  });

  it('fails a fix that breaks the syntax of the file', () => {
    const dir = makePack(GOOD, GOOD_FIXED.replace('execFile(cmd, []);', 'execFile(cmd, [];'));
    fs.writeFileSync(path.join(dir, 'pack.yaml'), PACK.replace('execFile(${cmd}, [])', () => 'execFile(${cmd}, [];'));
    const r = runCli(['test', dir]);
    assert.match(r.stdout, /the fixed file no longer parses/);
  });

  it('checks JSON fixtures annotated on // lines of their own, at the right lines', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-test-json-'));
    fs.writeFileSync(path.join(dir, 'pack.yaml'), `pack: { id: cj, version: 0.1.0, description: JSON config }
rules:
  - id: cj/public
    title: public flag
    message: public is true.
    severity: high
    confidence: high
    languages: [json]
    cwe: [CWE-284]
    owasp: [A01:2021]
    patterns: [{ config: { path: 'items.*.public', equals: true } }]
    guidance: "# public"
`);
    fs.mkdirSync(path.join(dir, 'fixtures'));
    const json = (a: string, b: string) => `{\n  "items": [\n    // ${a}: cj/public\n    { "public": true },\n    // ${b}: cj/public\n    { "public": false }\n  ]\n}\n`;
    fs.writeFileSync(path.join(dir, 'fixtures', 'public.json'), json('ruleid', 'ok'));
    const good = runCli(['test', dir]);
    assert.strictEqual(good.code, 0, good.stdout);
    assert.match(good.stdout, /^3 passed, 0 failed$/m); // ruleid:, ok:, guidance
    fs.writeFileSync(path.join(dir, 'fixtures', 'public.json'), json('ok', 'ruleid'));
    const bad = runCli(['test', dir]);
    assert.strictEqual(bad.code, 1, bad.stdout);
    assert.match(bad.stdout, /public\.json:4: cj\/public reported on an ok: line/);
    assert.match(bad.stdout, /public\.json:6: expected cj\/public here, got nothing/);
  });
});
