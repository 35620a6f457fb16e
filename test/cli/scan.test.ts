// The real `vigil scan` CLI: findings output, exit codes, formats, and robustness against hostile input.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const TEAM_PACK = `pack: { id: team, version: 1.0.0, description: Test pack }
rules:
  - id: team/danger-call
    title: Danger call
    message: danger() runs its argument.
    severity: high
    confidence: high
    languages: [javascript, python]
    cwe: [CWE-94]
    owasp: [A03:2021]
    patterns:
      - regex: 'danger\\('
    guidance: "# Danger\\nDo not call danger."
  - id: team/todo-note
    title: Note
    message: a low note
    severity: low
    confidence: high
    languages: [javascript]
    cwe: [CWE-546]
    owasp: [A04:2021]
    patterns:
      - regex: 'NOTE_ME'
        scope: comment
    guidance: "# Note"
`;

describe('vigil scan (CLI)', () => {
  it('prints findings with file:line, rule id and message, and exits 1 at --fail-on high', () => {
    const dir = workspace({ 'rules/pack.yaml': TEAM_PACK, 'src/app.js': 'const a = 1;\ndanger(a);\n// danger( in a comment\nconst s = "danger(";\n' });
    const r = runCli(['scan', 'src', '--no-builtin', '--rules', 'rules'], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stdout, /src\/app\.js:2:1\s+HIGH\s+team\/danger-call\s+danger\(\) runs its argument\./);
    assert.strictEqual(r.stdout.trim().split('\n').length, 1, 'comment and string look-alikes are not reported');
    assert.match(r.stderr, /1 files scanned/);
  });

  it('exits 0 when nothing is at or above --fail-on, and with --fail-on none', () => {
    const dir = workspace({ 'rules/pack.yaml': TEAM_PACK, 'a.js': '// NOTE_ME\n' });
    assert.strictEqual(runCli(['scan', '.', '--no-builtin', '--rules', 'rules'], dir).code, 0);
    assert.strictEqual(runCli(['scan', '.', '--no-builtin', '--rules', 'rules', '--fail-on', 'low'], dir).code, 1);
    const d2 = workspace({ 'rules/pack.yaml': TEAM_PACK, 'a.js': 'danger(x)\n' });
    assert.strictEqual(runCli(['scan', '.', '--no-builtin', '--rules', 'rules', '--fail-on', 'none'], d2).code, 0);
  });

  it('exits 2 with a one-line message on usage errors', () => {
    const r = runCli(['scan', '--format', 'xml']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--format must be text, json or sarif, not "xml"/);
    assert.strictEqual(runCli(['scan', '--fail-on', 'severe']).code, 2);
    assert.match(runCli(['scan', 'no/such/path']).stderr, /path not found: no\/such\/path/);
    assert.strictEqual(runCli(['frobnicate']).code, 2);
  });

  it('prints scan usage on --help and keeps low-confidence rules off unless --min-confidence low', () => {
    const help = runCli(['scan', '--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /--min-confidence high\|medium\|low/);
    assert.strictEqual(runCli(['scan', '--min-confidence', 'sure']).code, 2);
    const pack = TEAM_PACK.replace('    confidence: high\n    languages: [javascript]\n', '    confidence: low\n    languages: [javascript]\n');
    const dir = workspace({ 'rules/pack.yaml': pack, 'a.js': '// NOTE_ME\n' });
    const base = ['scan', '.', '--no-builtin', '--rules', 'rules', '--format', 'json', '--fail-on', 'none'];
    const ids = (args: string[]) => (JSON.parse(runCli(args, dir).stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);
    assert.deepStrictEqual(ids(base), []);
    assert.deepStrictEqual(ids([...base, '--min-confidence', 'low']), ['team/todo-note']);
  });

  it('reports a broken pack with file:line:column and a hint, keeps the other packs, exits 2', () => {
    const broken = TEAM_PACK.replace('team', 'broken').replace(/team\//g, 'broken/').replace('    severity: high', '    severty: high');
    const dir = workspace({ 'good/pack.yaml': TEAM_PACK, 'bad/pack.yaml': broken, 'a.js': 'danger(1)\n' });
    const r = runCli(['scan', 'a.js', '--no-builtin', '--rules', 'good', '--rules', 'bad'], dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /bad\/pack\.yaml:6:5 error: unknown key "severty" \(did you mean "severity"\)/);
    assert.doesNotMatch(r.stderr, /missing required key "severity"/, 'a misspelt key is reported once, as a misspelling');
    assert.match(r.stdout, /team\/danger-call/, 'the good pack still scans');
  });

  it('refuses hostile packs with a clear reason: bad regex, catastrophic regex, alias bomb, bad YAML', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\npack: {id: bomb, version: 1.0.0, description: x}\nrules: []\n';
    const cases: Array<[string, string, RegExp]> = [
      ['badre', TEAM_PACK.replace(/team/g, 'badre').replace("'danger\\('", "'danger('"), /badre\/pack\.yaml:\d+:\d+ error: badre\/danger-call: invalid regex/],
      ['redos', TEAM_PACK.replace(/team/g, 'redos').replace("'danger\\('", () => "'(\\w+\\s?)*x{40}$'"), /redos\/pack\.yaml:\d+:\d+ error: redos\/danger-call: regex .* repeats a group that contains an unbounded quantifier/],
      ['bomb', bomb, /bomb\/pack\.yaml:1:1 error: too many YAML aliases/],
      ['yaml', 'pack: {id: x\nrules: [', /yaml\/pack\.yaml:\d+:\d+ error: /],
    ];
    for (const [name, text, expected] of cases) {
      const dir = workspace({ [`${name}/pack.yaml`]: text, 'good/pack.yaml': TEAM_PACK, 'a.js': 'danger(1)\n' });
      const r = runCli(['scan', 'a.js', '--no-builtin', '--rules', 'good', '--rules', name], dir);
      assert.strictEqual(r.code, 2, name);
      assert.match(r.stderr, expected, `${name}: ${r.stderr}`);
      assert.match(r.stdout, /team\/danger-call/, `${name}: the good pack keeps working`);
    }
  });

  it('skips binary, oversized and minified files, reports invalid UTF-8 by line, and keeps scanning', function () {
    this.timeout(120_000);
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const longLine = 'danger(' + 'x'.repeat(1024 * 1024) + ')\n';
    const dir = workspace({
      'rules/pack.yaml': TEAM_PACK,
      'bin.js': Buffer.from([0x64, 0x61, 0x00, 0x01, 0x02]),
      'big.js': big,
      'long.js': longLine,
      'bad.js': Buffer.concat([Buffer.from('const a = 1;\n'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('\ndanger(a);\n')]),
      'ok.js': 'danger(2)\n',
    });
    const r = runCli(['scan', '.', '--no-builtin', '--rules', 'rules', '--verbose', '--max-file-size', String(60 * 1024 * 1024)], dir);
    assert.strictEqual(r.code, 1, r.stderr);
    assert.match(r.stderr, /skipped bin\.js: binary file/);
    assert.match(r.stderr, /skipped (big|long)\.js: looks minified/);
    assert.match(r.stderr, /bad\.js.*invalid UTF-8 at line 2/);
    assert.match(r.stdout, /bad\.js:3:1/);
    assert.match(r.stdout, /ok\.js:1:1/);
    const small = runCli(['scan', 'big.js', '--no-builtin', '--rules', 'rules', '--verbose'], dir);
    assert.match(small.stderr, /skipped big\.js: file is 50\.0 MB, over the 2\.0 MB limit/);
  });

  it('honours .gitignore and config excludes', () => {
    const dir = workspace({
      'rules/pack.yaml': TEAM_PACK,
      '.gitignore': 'build/\n',
      '.vigil/config.yaml': 'exclude: ["vendor/**"]\nbuiltin: false\npacks: [rules]\n',
      'build/x.js': 'danger(1)\n',
      'vendor/y.js': 'danger(1)\n',
      'src/z.js': 'danger(1)\n',
    });
    const r = runCli(['scan', '.'], dir);
    assert.match(r.stdout, /src\/z\.js/);
    assert.doesNotMatch(r.stdout, /build\/x\.js|vendor\/y\.js/);
    assert.match(r.stderr, /2 excluded/);
  });

  it('writes JSON and honours suppressions with reasons', () => {
    const dir = workspace({
      'rules/pack.yaml': TEAM_PACK,
      'a.js': '// vigil-ignore team/danger-call -- input is a constant\ndanger(1);\n// vigil-ignore team/danger-call\ndanger(2);\ndanger(3); // vigil-ignore team/danger-call -- old exception until 2020-01-01\n',
    });
    const r = runCli(['scan', 'a.js', '--no-builtin', '--rules', 'rules', '--format', 'json', '--fail-on', 'none'], dir);
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; range: { start: { line: number } }; suppression?: { reason: string } }> };
    const at = (line: number) => out.findings.filter((f) => f.range.start.line === line).map((f) => f.ruleId).sort();
    assert.deepStrictEqual(out.findings.find((f) => f.range.start.line === 1)?.suppression, { reason: 'input is a constant', line: 0 });
    assert.deepStrictEqual(at(2), ['vigil/suppression-no-reason']);
    assert.deepStrictEqual(at(3), ['team/danger-call']);
    assert.deepStrictEqual(at(4), ['team/danger-call', 'vigil/suppression-expired']);
  });

  it('applies include globs to a folder scanned from outside it (no ../ in rule paths)', () => {
    const pack = TEAM_PACK.replace('    languages: [javascript, python]\n', "    languages: [javascript, python]\n    include: ['**/app/*.js']\n");
    const dir = workspace({ 'rules/pack.yaml': pack, 'proj/app/a.js': 'danger(1)\n', 'proj/lib/b.js': 'danger(2)\n' });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-cwd-'));
    const r = runCli(['scan', path.join(dir, 'proj'), '--no-builtin', '--rules', path.join(dir, 'rules')], elsewhere);
    assert.match(r.stdout, /app\/a\.js:1:1\s+HIGH\s+team\/danger-call/);
    assert.doesNotMatch(r.stdout, /b\.js/);
    assert.doesNotMatch(r.stdout, /\.\.\//);
  });
});
