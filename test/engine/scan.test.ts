// Engine units: positions in UTF-16, scopes, conditions, config paths, fingerprints, suppressions, incremental parsing.
import * as assert from 'assert';
import {
  initEngine, loadPackText, buildRuleSet, scan, ParsedDocument, applyEdits, suppressionComment, redact, loadRuleSet, type RuleSet,
} from '../../server/src/engine';
import { ensureSchema } from '../../server/src/engine/packLoader';
import { defaultRulesDir } from '../../server/src/engine/nodeFs';

function ruleSetFrom(yamlText: string): RuleSet {
  const { pack, problems } = loadPackText(yamlText, 'test/pack.yaml');
  assert.deepStrictEqual(problems, []);
  return buildRuleSet([pack!]).ruleSet;
}

const HEAD = `pack: { id: t, version: 1.0.0, description: unit }
rules:`;
const rule = (id: string, body: string, langs = '[javascript, python]') => `
  - id: t/${id}
    title: ${id}
    message: ${id} found
    severity: high
    confidence: high
    languages: ${langs}
    cwe: [CWE-1]
    owasp: [A03:2021]
    guidance: "# ${id}"
${body}`;

describe('engine scan', function () {
  this.timeout(30_000);
  before(async () => {
    await initEngine();
    ensureSchema(defaultRulesDir());
  });

  it('reports ranges in UTF-16 code units, as LSP counts', () => {
    const rs = ruleSetFrom(HEAD + rule('eval', "    patterns: [{ query: '(call_expression function: (identifier) @f (#eq? @f \"eval\")) @match' }]", '[javascript]'));
    const { findings } = scan('const s = "é😀"; eval(x);\n', 'javascript', rs);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].range, { start: { line: 0, character: 17 }, end: { line: 0, character: 24 } });
  });

  it('keeps code-scoped regexes out of comments and strings, and string-scoped ones inside', () => {
    const rs = ruleSetFrom(HEAD + rule('code', "    patterns: [{ regex: 'danger\\(' }]") + rule('str', "    patterns: [{ regex: 'SELECT \\*', scope: string }]"));
    const text = 'danger(1) # danger(2)\nx = "danger(3) SELECT *"\n# SELECT * in comment\n';
    const ids = scan(text, 'python', rs).findings.map((f) => `${f.ruleId}@${f.range.start.line}`);
    assert.deepStrictEqual(ids, ['t/code@0', 't/str@1']);
  });

  it('tells literal arguments from variables, and constants bound once from reassigned names', () => {
    const rs = ruleSetFrom(
      HEAD +
        rule(
          'exec',
          `    patterns:
      - query: '(call_expression function: (identifier) @f (#eq? @f "exec") arguments: (arguments . (_) @arg)) @match'
        where: [{ capture: arg, literal: false, constant-ok: true }]`,
          '[javascript]',
        ),
    );
    const text = ['exec("ls");', 'exec(`ls ${dir}`);', 'const c = "ls";', 'exec(c);', 'let d = "a";', 'd = input;', 'exec(d);', 'exec("a" + "b");', 'exec("a" + b);', '// exec(x)'].join('\n');
    const lines = scan(text, 'javascript', rs).findings.map((f) => f.range.start.line);
    assert.deepStrictEqual(lines, [1, 6, 8]);
  });

  it('applies not, inside, not-inside and same-line conditions', () => {
    const rs = ruleSetFrom(
      HEAD +
        rule(
          'md5',
          `    patterns: [{ regex: 'md5\\(' }]
    not-same-line: [{ regex: 'usedforsecurity=False' }]
    not-inside: [{ query: '(function_definition name: (identifier) @n (#match? @n "^checksum")) @match' }]`,
          '[python]',
        ),
    );
    const text = ['h = md5(pw)', 'h = md5(data, usedforsecurity=False)', 'def checksum_file(p):', '    return md5(p)', ''].join('\n');
    assert.deepStrictEqual(scan(text, 'python', rs).findings.map((f) => f.range.start.line), [0]);
  });

  it('matches config key paths, values and absent keys on the exact key', () => {
    const rs = ruleSetFrom(
      HEAD +
        rule('priv', "    patterns: [{ config: { path: 'spec.containers.*.securityContext.privileged', equals: true } }]", '[yaml]') +
        rule('nonroot', "    patterns: [{ config: { path: 'spec.containers.*.securityContext.runAsNonRoot', absent: true, when: [{ path: kind, in: [Pod] }] } }]", '[yaml]'),
    );
    const text = ['kind: Pod', 'spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: true', '    - name: b', '      securityContext:', '        runAsNonRoot: true', ''].join('\n');
    const got = scan(text, 'yaml', rs).findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`);
    assert.deepStrictEqual(got, ['t/nonroot@4:6', 't/priv@5:8']);
  });

  it('evaluates has conditions relative to each selected node, with numeric ranges', () => {
    const rs = ruleSetFrom(
      HEAD +
        rule('open-ssh', `    patterns:
      - config:
          path: Resources.*
          has:
            - { path: Type, equals: 'AWS::EC2::SecurityGroup' }
            - { path: Properties.SecurityGroupIngress.*.CidrIp, equals: 0.0.0.0/0 }
      - config:
          path: Resources.*.Properties.SecurityGroupIngress.*
          has:
            - { path: CidrIp, equals: 0.0.0.0/0 }
            - { path: FromPort, lte: 22 }
            - { path: ToPort, gte: 22 }`, '[yaml]') +
        rule('no-enc', "    patterns: [{ config: { path: 'Resources.*', has: [{ path: Type, equals: 'AWS::RDS::DBInstance' }, { path: Properties.StorageEncrypted, absent: true }] } }]", '[yaml]'),
    );
    const text = [
      'Resources:', //                                   0
      '  Web:', //                                       1
      '    Type: AWS::EC2::SecurityGroup', //            2
      '    Properties:', //                              3
      '      SecurityGroupIngress:', //                  4
      '        - { CidrIp: 10.0.0.0/8, FromPort: 22, ToPort: 22 }', // 5: private range, quiet
      '        - { CidrIp: 0.0.0.0/0, FromPort: 443, ToPort: 443 }', // 6: open, but not port 22
      '        - { CidrIp: 0.0.0.0/0, FromPort: "0", ToPort: "65535" }', // 7: open range covering 22
      '        - { CidrIp: 0.0.0.0/0, FromPort: !Ref Port, ToPort: !Ref Port }', // 8: unknown ports, quiet
      '  Db:', //                                        9
      '    Type: AWS::RDS::DBInstance', //               10
      '    Properties: { Engine: postgres }', //         11
      '  Db2:', //                                       12
      '    Type: AWS::RDS::DBInstance', //               13
      '    Properties: { StorageEncrypted: true }', //   14
      '  Bucket:', //                                    15
      '    Type: AWS::S3::Bucket', //                    16
      '',
    ].join('\n');
    const got = scan(text, 'yaml', rs).findings.map((f) => `${f.ruleId}@${f.range.start.line}`);
    assert.deepStrictEqual(got.sort(), ['t/no-enc@9', 't/open-ssh@1', 't/open-ssh@7'].sort());
  });

  it('reports a config finding on the key named by report when the selected node has it', () => {
    const rs = ruleSetFrom(
      HEAD +
        rule('open', "    patterns: [{ config: { path: 'Ingress.*', has: [{ path: CidrIp, equals: 0.0.0.0/0 }], report: CidrIp } }]", '[yaml]') +
        rule('rot', "    patterns: [{ config: { path: 'Keys.*', has: [{ path: Rotation, not-equals: true }], report: Rotation } }]", '[yaml]'),
    );
    const text = ['Ingress:', '  - FromPort: 22', '    ToPort: 22', '    CidrIp: 0.0.0.0/0', 'Keys:', '  K:', '    Rotation: false', ''].join('\n');
    const got = scan(text, 'yaml', rs).findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`);
    assert.deepStrictEqual(got.sort(), ['t/open@3:4', 't/rot@6:4']);
  });

  it('reads JSON (with comments) at exact offsets, drops broken JSON, and reads YAML short-form tags as long forms', () => {
    const rs = ruleSetFrom(
      HEAD +
        rule('acl', "    patterns: [{ config: { path: 'Resources.*.Properties.AccessControl', equals: PublicRead } }]", '[yaml, json]') +
        rule('ref', "    patterns: [{ config: { path: 'Resources.*.Properties.AccessControl.Ref', equals: Acl } }]", '[yaml]'),
    );
    const json = '{\n  // a comment\n  "Resources": {"B": {"Properties": {"AccessControl": "PublicRead"}},\n  "C": {"Properties": {"AccessControl": "Private"}}}\n}\n';
    assert.deepStrictEqual(scan(json, 'json', rs).findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`), ['t/acl@2:37']);
    assert.deepStrictEqual(scan(json.replace('"Private"', '"Private",,'), 'json', rs).findings, [], 'a broken document yields nothing');
    const yaml = 'Resources:\n  B:\n    Properties:\n      AccessControl: !Ref Acl\n  C:\n    Properties:\n      AccessControl: PublicRead\n';
    assert.deepStrictEqual(scan(yaml, 'yaml', rs).findings.map((f) => `${f.ruleId}@${f.range.start.line}`).sort(), ['t/acl@6', 't/ref@3']);
  });

  it('refuses a #match? string with an escape tree-sitter would drop, naming the line', () => {
    const text = HEAD + rule('esc', `    patterns: [{ query: '((identifier) @fn (#match? @fn "^a\\d"))' }]`, '[javascript]');
    const { problems } = loadPackText(text, 'test/pack.yaml');
    assert.strictEqual(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0].message, /contains "\\d", which tree-sitter reads as "d"/);
    assert.strictEqual(problems[0].line, 12, "the line of the query in the pack");
  });

  it('parses shell case statements (the bash scanner needs isalpha) and keeps parsing files after them', () => {
    const rs = ruleSetFrom(HEAD + rule('ev', "    patterns: [{ query: '(command name: (command_name) @n (#eq? @n \"eval\")) @match' }]", '[shellscript]'));
    const text = 'case $x in\n  a) eval "$x";;\n  *) echo no;;\nesac\n';
    for (let i = 0; i < 3; i++) {
      assert.deepStrictEqual(scan(text, 'shellscript', rs).findings.map((f) => f.range.start.line), [1]);
    }
    const js = ruleSetFrom(HEAD + rule('eval', "    patterns: [{ query: '(call_expression function: (identifier) @f (#eq? @f \"eval\")) @match' }]", '[javascript]'));
    assert.strictEqual(scan('eval(a)\n', 'javascript', js).findings.length, 1);
  });

  it('lets a config fix replace the offending value through the value capture', () => {
    const rs = ruleSetFrom(HEAD + rule('enc', "    patterns: [{ config: { path: 'disks.*.encrypted', equals: false } }]\n    fix: { replace: 'true', target: value }", '[yaml]'));
    const text = 'disks:\n  - encrypted: false\n  - encrypted: true\n';
    const { findings } = scan(text, 'yaml', rs);
    assert.strictEqual(findings.length, 1);
    assert.strictEqual(applyEdits(text, findings[0].fix!.edits), 'disks:\n  - encrypted: true\n  - encrypted: true\n');
  });

  it('scans a generated file with thousands of statements in one block (sibling patterns stay bounded)', function () {
    this.timeout(120_000); // unbounded, this file took minutes; bounded, a few seconds
    const { ruleSet } = loadRuleSet({});
    const body = Array.from({ length: 3000 }, (_, i) => `    m_s${i} = TryGetEx(dict, "Key${i}", m_s${i});`).join('\n');
    const text = `class R {\n  void Load(IDictionary<string, string> dict) {\n${body}\n    var p = new Process();\n    p.StartInfo.FileName = "cmd.exe";\n    p.StartInfo.Arguments = "/c " + dict["x"];\n  }\n}\n`;
    const { findings, problems } = scan(text, 'csharp', ruleSet);
    assert.deepStrictEqual(problems, []);
    assert.ok(findings.some((f) => f.ruleId.startsWith('csharp/')), 'findings after the long block are still reported');
  });

  it('keeps fingerprints stable across unrelated edits above a finding', () => {
    const rs = ruleSetFrom(HEAD + rule('code', "    patterns: [{ regex: 'danger\\(' }]"));
    const a = scan('x = 1\ndanger(1)\ndanger(1)\n', 'python', rs).findings.map((f) => f.fingerprint);
    const b = scan('import os\n\n# new comment\nx = 1\ndanger(1)\ndanger(1)\n', 'python', rs).findings.map((f) => f.fingerprint);
    assert.deepStrictEqual(a, b);
    assert.notStrictEqual(a[0], a[1], 'two identical lines get distinct fingerprints');
  });

  it('parses suppressions in each comment syntax, with reasons and expiry', () => {
    const rs = ruleSetFrom(HEAD + rule('code', "    patterns: [{ regex: 'danger\\(' }]", "['*']"));
    const cases: Array<[string, string]> = [
      ['javascript', '/* vigil-ignore t/code -- reviewed */\ndanger(1)\n'],
      ['python', 'danger(1)  # vigil-ignore t/code, t/other -- reviewed until 2999-01-01\n'],
      ['ruby', '# vigil-ignore t/* -- whole pack reviewed\ndanger(1)\n'],
    ];
    for (const [lang, text] of cases) {
      const f = scan(text, lang, rs, { today: '2026-11-28' }).findings.find((x) => x.ruleId === 't/code');
      assert.ok(f?.suppression, `${lang}: suppressed`);
    }
    const expired = scan('danger(1)  # vigil-ignore t/code -- old until 2020-01-01\n', 'python', rs, { today: '2026-11-28' }).findings;
    assert.deepStrictEqual(expired.map((f) => [f.ruleId, !!f.suppression]), [['t/code', false], ['vigil/suppression-expired', false]]);
    assert.strictEqual(suppressionComment('python', ['py/x'], 'safe\nhere'), '# vigil-ignore py/x -- safe here');
    assert.strictEqual(suppressionComment('javascript', ['js/x', 'js/y'], 'ok'), '// vigil-ignore js/x, js/y -- ok');
  });

  it('re-parses incrementally through ParsedDocument and finds the same things as a fresh parse', () => {
    const rs = ruleSetFrom(HEAD + rule('eval', "    patterns: [{ query: '(call_expression function: (identifier) @f (#eq? @f \"eval\")) @match' }]", '[javascript]'));
    const doc = new ParsedDocument('javascript');
    let text = 'function f() {\n  return 1;\n}\n';
    assert.strictEqual(scan(text, 'javascript', rs, { document: doc }).findings.length, 0);
    const insert = '  eval(x);\n';
    const at = text.indexOf('  return');
    text = text.slice(0, at) + insert + text.slice(at);
    doc.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + insert.length, startPosition: { row: 1, column: 0 }, oldEndPosition: { row: 1, column: 0 }, newEndPosition: { row: 2, column: 0 } });
    const inc = scan(text, 'javascript', rs, { document: doc }).findings;
    const fresh = scan(text, 'javascript', rs).findings;
    assert.deepStrictEqual(inc, fresh);
    assert.strictEqual(inc[0].range.start.line, 1);
  });

  it('applies fix edits', () => {
    const rs = ruleSetFrom(HEAD + rule('tls', "    patterns: [{ regex: 'verify=(?<v>False)', report: v }]\n    fix: { replace: 'True' }", '[python]'));
    const text = 'requests.get(u, verify=False)\n';
    const f = scan(text, 'python', rs).findings[0];
    assert.strictEqual(applyEdits(text, f.fix!.edits), 'requests.get(u, verify=True)\n');
  });

  it('redacts secrets found by the built-in secrets pack', () => {
    const { ruleSet } = loadRuleSet({});
    const key = 'AKIA' + 'Q3EGRTZ7UJW5KXBN';
    const r = redact(`const id = "${key}";\n`, ruleSet, 'javascript');
    assert.ok(!r.text.includes(key), r.text);
    assert.match(r.text, /«redacted:secrets\/[a-z0-9-]+»/);
  });
});
