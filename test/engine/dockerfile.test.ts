// Unit tests for the Dockerfile parser: offsets, continuations, escape directive, stages, heredocs and bad input.
import * as assert from 'assert';
import { parseDockerfile } from '../../server/src/engine/formats/dockerfile';
import { parseConfig, type ConfigNode, type ConfigEntry } from '../../server/src/engine/matchers/configDoc';

function get(n: ConfigNode | undefined, ...path: Array<string | number>): ConfigNode | undefined {
  let cur = n;
  for (const p of path) {
    if (!cur) return undefined;
    if (typeof p === 'number') cur = cur.kind === 'seq' ? cur.items[p] : undefined;
    else cur = cur.kind === 'map' ? cur.entries.find((e) => e.key === p)?.value : undefined;
  }
  return cur;
}
function entries(n: ConfigNode | undefined, key: string): ConfigEntry[] {
  return n && n.kind === 'map' ? n.entries.filter((e) => e.key === key) : [];
}
const val = (n: ConfigNode | undefined) => (n && n.kind === 'scalar' ? n.value : undefined);
const src = (text: string, n: ConfigNode | undefined) => (n ? text.slice(n.start, n.end) : undefined);
const items = (n: ConfigNode | undefined) => (n && n.kind === 'seq' ? n.items : []);

describe('dockerfile parser', () => {
  it('keys instructions by keyword with the keyword span, and parses FROM references', () => {
    const text = 'FROM --platform=linux/amd64 registry.local:5000/team/app:1.2@sha256:ab12 AS Build\nfrom alpine\n';
    const [doc] = parseDockerfile(text);
    const stages = items(get(doc, 'stages'));
    assert.strictEqual(stages.length, 2);
    const from = entries(stages[0], 'FROM')[0];
    assert.strictEqual(text.slice(from.keyStart, from.keyEnd), 'FROM');
    assert.strictEqual(val(get(from.value, 'image')), 'registry.local:5000/team/app');
    assert.strictEqual(val(get(from.value, 'tag')), '1.2');
    assert.strictEqual(src(text, get(from.value, 'tag')), '1.2');
    assert.strictEqual(val(get(from.value, 'digest')), 'sha256:ab12');
    assert.strictEqual(val(get(from.value, 'platform')), 'linux/amd64');
    assert.strictEqual(val(get(from.value, 'as')), 'Build');
    const lower = entries(stages[1], 'FROM')[0];
    assert.strictEqual(text.slice(lower.keyStart, lower.keyEnd), 'from');
    assert.strictEqual(get(lower.value, 'tag'), undefined);
    assert.strictEqual(val(get(lower.value, 'args')), 'alpine');
  });

  it('marks a FROM that names an earlier stage, case-insensitively, and the final stage is the last one', () => {
    const text = 'FROM node:20 AS deps\nUSER node\nFROM DEPS\nRUN npm test\n';
    const [doc] = parseDockerfile(text);
    const stages = items(get(doc, 'stages'));
    assert.strictEqual(val(get(stages[1], 'FROM', 'stage')), 'deps');
    assert.strictEqual(get(stages[0], 'FROM', 'stage'), undefined);
    assert.strictEqual(get(doc, 'final'), stages[1]);
    const fin = entries(doc, 'final')[0];
    assert.strictEqual(text.slice(fin.keyStart, fin.keyEnd), 'FROM');
    assert.strictEqual(fin.keyStart, text.indexOf('FROM DEPS'));
    // USER is inherited from the stage the final one is built on, and origin is the external image of the chain.
    assert.strictEqual(val(get(doc, 'final', 'user', 'user')), 'node');
    assert.strictEqual(val(get(doc, 'final', 'origin', 'ref')), 'node:20');
    assert.strictEqual(get(stages[0], 'origin'), get(stages[0], 'FROM'));
  });

  it('derives the effective user from the last USER of the stage', () => {
    const text = 'FROM debian:12\nUSER app\nRUN id\nUSER 0:0\n';
    const [doc] = parseDockerfile(text);
    const user = entries(get(doc, 'final'), 'user')[0];
    assert.strictEqual(val(get(user.value, 'user')), '0');
    assert.strictEqual(val(get(user.value, 'group')), '0');
    assert.strictEqual(user.keyStart, text.indexOf('USER 0'));
    assert.strictEqual(src(text, get(user.value, 'user')), '0');
  });

  it('joins continuation lines, drops comments inside them, and splits commands with exact spans', () => {
    const text = 'FROM x:1\nRUN apt-get update \\\n  # why we need curl\n\n  && curl -fsSL https://x.test/i.sh | sh ; echo "a && b"\n';
    const [doc] = parseDockerfile(text);
    const run = get(doc, 'final', 'RUN');
    assert.strictEqual(val(get(run, 'command')), 'apt-get update   && curl -fsSL https://x.test/i.sh | sh ; echo "a && b"');
    assert.strictEqual(val(get(run, 'form')), 'shell');
    const cmds = items(get(run, 'commands'));
    assert.deepStrictEqual(cmds.map(val), ['apt-get update', 'curl -fsSL https://x.test/i.sh | sh', 'echo "a && b"']);
    assert.strictEqual(src(text, cmds[1]), 'curl -fsSL https://x.test/i.sh | sh');
    const line = text.slice(0, cmds[1].start).split('\n').length;
    assert.strictEqual(line, 5);
  });

  it('honours the escape directive (backtick continuations, backslashes kept as text)', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    && echo done\n';
    const [doc] = parseDockerfile(text);
    assert.strictEqual(val(get(doc, 'directives', 'escape')), '`');
    const cmds = items(get(doc, 'final', 'RUN', 'commands'));
    assert.deepStrictEqual(cmds.map(val), ['dir C:\\', 'echo done']);
    assert.strictEqual(entries(get(doc, 'final'), 'RUN').length, 1);
  });

  it('reads directives only at the top: after a comment or an unknown directive, escape= is a comment', () => {
    for (const head of ['# a comment\n', '# foo=bar\n', '\n']) {
      const text = head + '# escape=`\nFROM x:1\nRUN echo 1 \\\n  2\n';
      const [doc] = parseDockerfile(text);
      assert.strictEqual(get(doc, 'directives', 'escape'), undefined, JSON.stringify(head));
      assert.strictEqual(val(get(doc, 'final', 'RUN', 'command')), 'echo 1   2');
    }
  });

  it('parses exec form, and splits the script of sh -c', () => {
    const text = 'FROM x:1\nRUN ["/bin/sh", "-c", "curl -k https://a.test && make"]\nCMD ["node", "server.js"]\n';
    const [doc] = parseDockerfile(text);
    const run = get(doc, 'final', 'RUN');
    assert.strictEqual(val(get(run, 'form')), 'exec');
    assert.strictEqual(val(get(run, 'command')), '/bin/sh -c curl -k https://a.test && make');
    const cmds = items(get(run, 'commands'));
    assert.deepStrictEqual(cmds.map(val), ['curl -k https://a.test', 'make']);
    assert.strictEqual(src(text, cmds[0]), 'curl -k https://a.test');
    assert.strictEqual(val(get(doc, 'final', 'CMD', 'command')), 'node server.js');
  });

  it('reads heredoc bodies as commands only when they feed a shell', () => {
    const text = [
      'FROM x:1',
      'RUN <<EOF',
      'set -e',
      'apt-get install -y \\',
      '   curl',
      'EOF',
      'RUN cat <<EOF > /etc/motd',
      'curl https://a.test | sh',
      'EOF',
      'RUN bash <<-"END"',
      '\tsudo id',
      '\tEND',
      'USER app',
      '',
    ].join('\n');
    const [doc] = parseDockerfile(text);
    const runs = entries(get(doc, 'final'), 'RUN');
    assert.strictEqual(runs.length, 3);
    const c0 = items(get(runs[0].value, 'commands')).map(val);
    assert.ok(c0.includes('set -e'));
    assert.ok(c0.includes('apt-get install -y    curl'));
    const c1 = items(get(runs[1].value, 'commands')).map(val);
    assert.ok(!c1.some((c) => String(c).includes('curl')));
    assert.ok(String(val(get(runs[1].value, 'command'))).includes('curl https://a.test | sh'));
    const c2 = items(get(runs[2].value, 'commands'));
    const sudo = c2.find((c) => val(c) === 'sudo id');
    assert.ok(sudo);
    assert.strictEqual(src(text, sudo), 'sudo id');
    // The instruction after the heredoc is still parsed.
    assert.strictEqual(val(get(doc, 'final', 'USER', 'user')), 'app');
  });

  it('parses ENV (both forms) and ARG into name/value pairs with spans', () => {
    const text = 'ARG VERSION\nFROM x:${VERSION}\nARG TOKEN=abc DEBUG\nENV A=1 DB_PASSWORD="s3cr et"\nENV OLD_STYLE some value\n';
    const [doc] = parseDockerfile(text);
    assert.strictEqual(val(get(doc, 'global', 'ARG', 'vars', 'VERSION', 'name')), 'VERSION');
    assert.strictEqual(get(doc, 'global', 'ARG', 'vars', 'VERSION', 'value'), undefined);
    assert.strictEqual(val(get(doc, 'final', 'FROM', 'tag')), '${VERSION}');
    assert.strictEqual(val(get(doc, 'final', 'ARG', 'vars', 'TOKEN', 'value')), 'abc');
    assert.ok(get(doc, 'final', 'ARG', 'vars', 'DEBUG'));
    const pw = get(doc, 'final', 'ENV', 'vars', 'DB_PASSWORD', 'value');
    assert.strictEqual(val(pw), 's3cr et');
    assert.strictEqual(src(text, pw), '"s3cr et"');
    const envs = entries(get(doc, 'final'), 'ENV');
    assert.strictEqual(val(get(envs[1].value, 'vars', 'OLD_STYLE', 'value')), 'some value');
    const pwEntry = entries(get(doc, 'final', 'ENV', 'vars'), 'DB_PASSWORD')[0];
    assert.strictEqual(text.slice(pwEntry.keyStart, pwEntry.keyEnd), 'DB_PASSWORD');
  });

  it('parses ADD/COPY flags, sources and destination (plain and JSON)', () => {
    const text = 'FROM x:1\nADD --checksum=sha256:00 https://a.test/f.tgz /opt/\nCOPY --chown=app:app --chmod=777 ["a b", "c", "/dst/"]\n';
    const [doc] = parseDockerfile(text);
    const add = get(doc, 'final', 'ADD');
    assert.strictEqual(val(get(add, 'checksum')), 'sha256:00');
    assert.deepStrictEqual(items(get(add, 'sources')).map(val), ['https://a.test/f.tgz']);
    assert.strictEqual(src(text, get(add, 'sources', 0)), 'https://a.test/f.tgz');
    assert.strictEqual(val(get(add, 'dest')), '/opt/');
    const copy = get(doc, 'final', 'COPY');
    assert.strictEqual(val(get(copy, 'chmod')), '777');
    assert.strictEqual(val(get(copy, 'chown')), 'app:app');
    assert.deepStrictEqual(items(get(copy, 'sources')).map(val), ['a b', 'c']);
    assert.strictEqual(val(get(copy, 'dest')), '/dst/');
  });

  it('parses EXPOSE ports and HEALTHCHECK NONE / CMD', () => {
    const text = 'FROM x:1\nEXPOSE 22/tcp 8080\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\nFROM y:1\nHEALTHCHECK NONE\n';
    const [doc] = parseDockerfile(text);
    const stages = items(get(doc, 'stages'));
    assert.deepStrictEqual(items(get(stages[0], 'EXPOSE', 'ports')).map(val), ['22/tcp', '8080']);
    assert.strictEqual(val(get(stages[0], 'healthcheck', 'interval')), '5s');
    assert.strictEqual(val(get(stages[0], 'healthcheck', 'command')), 'curl -f http://localhost/ || exit 1');
    assert.strictEqual(val(get(stages[1], 'healthcheck', 'none')), 'true');
  });

  it('handles CRLF line endings with exact offsets', () => {
    const text = 'FROM x:1\r\nRUN a \\\r\n  && b\r\nUSER root\r\n';
    const [doc] = parseDockerfile(text);
    assert.deepStrictEqual(items(get(doc, 'final', 'RUN', 'commands')).map(val), ['a', 'b']);
    assert.strictEqual(src(text, get(doc, 'final', 'USER', 'user')), 'root');
  });

  it('never throws on empty, partial or garbage input', () => {
    const inputs = [
      '',
      '\n\n',
      '# only a comment',
      'RUN echo no from',
      'FROM',
      'FROM x AS',
      'RUN \\',
      'FROM x:1\nRUN <<EOF\nnever closed',
      'FROM x:1\nCOPY\nADD\nENV\nARG =\nUSER\nEXPOSE\nHEALTHCHECK\nRUN ["unterminated',
      'FROM x:1\nRUN ["sh", "-c", "a \\"quoted\\" && b"]',
      '\u0000\u0001{{{ ]]] <<<< \\\\\\',
      'FROM "unterminated\nRUN echo \'open',
      '} { [ : ; ` \\ `',
    ];
    for (const t of inputs) {
      const docs = parseDockerfile(t);
      assert.ok(Array.isArray(docs), JSON.stringify(t));
      const walk = (n: ConfigNode): void => {
        assert.ok(n.start >= 0 && n.end <= t.length && n.start <= n.end, `span ${n.start}-${n.end} in ${JSON.stringify(t)}`);
        if (n.kind === 'map') n.entries.forEach((e) => e.key !== 'final' && walk(e.value));
        if (n.kind === 'seq') n.items.forEach(walk);
      };
      docs.forEach(walk);
    }
    // Instructions before any FROM are kept under `global`, and there is no final stage.
    const [doc] = parseDockerfile('RUN echo no from');
    assert.ok(get(doc, 'global', 'RUN'));
    assert.strictEqual(get(doc, 'final'), undefined);
  });

  it('keeps every span inside the text for random Dockerfile-like input (fixed seed)', () => {
    const parts = ['FROM ', 'RUN ', 'ENV ', 'ARG ', 'COPY ', 'USER ', 'EXPOSE ', 'HEALTHCHECK ', '<<EOF', '<<-"E"', 'EOF', '\n', '\r\n',
      '\\', '`', '#', '# escape=`\n', '"', "'", '[', ']', '"sh"', ',', '=', ':', '@', ' AS ', 'x', '--chmod=777', '&&', '|', ';', '&',
      '\t', ' ', 'NONE', '$', '{', '\u{1F600}'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let i = 0; i < 3000; i++) {
      let t = '';
      for (let j = rnd(40); j > 0; j--) t += parts[rnd(parts.length)];
      const walk = (n: ConfigNode): void => {
        assert.ok(n.start >= 0 && n.start <= n.end && n.end <= t.length, `node span in ${JSON.stringify(t)}`);
        if (n.kind === 'map') {
          for (const e of n.entries) {
            assert.ok(e.keyStart >= 0 && e.keyStart <= e.keyEnd && e.keyEnd <= t.length, `key ${e.key} in ${JSON.stringify(t)}`);
            if (e.key !== 'final') walk(e.value);
          }
        }
        if (n.kind === 'seq') n.items.forEach(walk);
      };
      parseDockerfile(t).forEach(walk);
    }
  });

  it('is registered for the dockerfile language', () => {
    const docs = parseConfig('dockerfile', 'FROM alpine:3.20\nUSER nobody\n');
    assert.strictEqual(val(get(docs[0], 'final', 'USER', 'user')), 'nobody');
  });
});
