// Ticket composition: title, Markdown body with every context field, fingerprint stability, and nothing sensitive from git.
import assert from 'node:assert/strict';
import { MAX_SNIPPET_CHARS, capSnippet, composeTicket, focusCode, normalizeCode, ticketFingerprint, type TicketInput } from '../../client/src/askForHelp/ticket';
import { sampleTicket } from './sample';

const base: TicketInput = {
  kind: 'question',
  urgency: 'normal',
  description: 'Is this safe?',
  relPath: 'lib/db.py',
  languageId: 'python',
  startLine: 0,
  endLine: 2,
  focusStart: 1,
  focusEnd: 1,
  snippet: 'import os\ncur.execute("SELECT * FROM t WHERE id=" + uid)\nprint(1)',
  redactionCount: 0,
};

describe('ask for help: ticket composition', () => {
  it('carries the kind, urgency, description, rule, CWE, guidance, location, repo, commit, versions and fingerprint', () => {
    const t = sampleTicket('vulnerability');
    assert.equal(t.title, '[Vigil] Suspected vulnerability: Code built from a non-constant string is evaluated (src/app.js:11)');
    for (const s of [
      '**Kind:** Suspected vulnerability · **Urgency:** high',
      'User input reaches eval here; is the allow-list enough?',
      '- Rule: `js/eval-injection` Code built from a non-constant string is evaluated',
      '- Severity: high (confidence medium)',
      '- Classification: CWE-95, A03:2021',
      '- Guidance: https://vigil.example/rules/js/eval-injection',
      '- Repository: https://github.com/acme/web.git',
      '- Branch: `main`',
      '- Commit: `0123456789abcdef0123456789abcdef01234567`',
      '- File: `src/app.js`, line 11',
      '- Language: javascript',
      '### Code (lines 6–16, secrets redacted)',
      '```javascript\n',
      'eval(req.query.expr);',
      'Filed with Vigil 0.1.0 in VS Code 1.100.3.',
    ]) {
      assert.ok(t.body.includes(s), `missing: ${s}\n---\n${t.body}`);
    }
    assert.match(t.fingerprint, /^[0-9a-f]{16}$/);
    assert.ok(t.body.endsWith(`vigil-fingerprint: ${t.fingerprint}`));
    assert.deepEqual(t.labels, ['security']);
  });

  it('has a title for each kind and for a selection or a whole file', () => {
    assert.match(composeTicket(base).title, /^\[Vigil\] Question: is this code safe\? \(lib\/db\.py:2\)$/);
    assert.match(composeTicket({ ...base, kind: 'review', focusStart: undefined, focusEnd: undefined }).title, /^\[Vigil\] Design or security review request: is this file safe\? \(lib\/db\.py\)$/);
    const ex = composeTicket({ ...base, kind: 'exception', exceptionReason: 'literal input only' });
    assert.match(ex.title, /^\[Vigil\] Exception request:/);
    assert.ok(ex.body.includes('Reason given: literal input only'));
    assert.ok(ex.labels.includes('exception-request'));
  });

  it('fingerprints rule + file + the finding lines, ignoring whitespace and the surrounding context', () => {
    const a = composeTicket(base).fingerprint;
    assert.equal(composeTicket({ ...base, snippet: 'import sys\n   cur.execute("SELECT * FROM t WHERE id="  +  uid)  \nprint(2)' }).fingerprint, a);
    assert.equal(composeTicket({ ...base, kind: 'vulnerability', description: 'other words', urgency: 'high' }).fingerprint, a, 'the same code is the same ticket');
    assert.notEqual(composeTicket({ ...base, relPath: 'lib/other.py' }).fingerprint, a);
    assert.notEqual(composeTicket({ ...base, snippet: base.snippet.replace('uid', 'user_id') }).fingerprint, a);
    const withRule = composeTicket({ ...base, finding: { ruleId: 'py/sql-injection', title: 'SQL', message: 'm', severity: 'high', cwe: ['CWE-89'] } }).fingerprint;
    assert.notEqual(withRule, a);
    assert.equal(ticketFingerprint('py/sql-injection', 'lib/db.py', 'cur.execute("SELECT * FROM t WHERE id=" + uid)'), withRule);
    assert.equal(focusCode(base), 'cur.execute("SELECT * FROM t WHERE id=" + uid)');
    assert.equal(normalizeCode('  a   b \r\n\n  c\t'), 'a b\nc');
  });

  it('keeps the snippet inside its code block even when it contains backtick fences', () => {
    const t = composeTicket({ ...base, snippet: 'x = """\n```\n# not a heading\n```\n"""' });
    assert.ok(t.body.includes('````python\nx = """\n```\n# not a heading\n```\n"""\n````'), t.body);
  });

  it('says how many secrets were redacted', () => {
    assert.ok(composeTicket({ ...base, redactionCount: 2 }).body.includes('2 secrets were replaced by «redacted:<rule-id>»'));
    assert.ok(composeTicket(base).body.includes('Secret detection found nothing to redact'));
  });

  it('never puts credentials from the git remote into the ticket', () => {
    const t = composeTicket({ ...base, git: { remote: 'https://x-access-token:ghs_abcdef0123456789@github.com/acme/web.git', branch: 'dev' } });
    assert.ok(!t.body.includes('ghs_abcdef0123456789'));
    assert.ok(!JSON.stringify(t.context).includes('ghs_abcdef0123456789'));
    assert.ok(t.body.includes('- Repository: https://github.com/acme/web.git'));
  });

  it('keeps titles short and single-line', () => {
    const t = composeTicket({ ...base, finding: { ruleId: 'r', title: 'T\n'.repeat(300), message: 'm', severity: 'low', cwe: [] } });
    assert.ok(t.title.length <= 200);
    assert.ok(!/[\r\n]/.test(t.title));
  });

  it('caps a whole-file snippet so trackers with body limits accept it, and says so', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `const v${i} = compute(${i}); // some padding text`);
    const t = composeTicket({ ...base, focusStart: undefined, focusEnd: undefined, snippet: lines.join('\n'), endLine: 2999 });
    assert.ok(t.body.length < 32_767, `${t.body.length}`);
    const m = /\[…truncated by Vigil: (\d+) more lines\]/.exec(t.body);
    assert.ok(m, 'marked');
    const keptLines = capSnippet(lines.join('\n')).split('\n').length - 1;
    assert.equal(keptLines + Number(m[1]), 3000, 'kept + dropped = all lines');
    assert.ok(t.body.includes(lines[0]) && !t.body.includes(lines[2999]));
    assert.equal(capSnippet('short'), 'short');
    // One huge minified line is cut inside the line rather than dropped whole.
    const minified = 'a();\n' + 'var q=1;'.repeat(5000);
    const capped = capSnippet(minified);
    assert.ok(capped.startsWith('a();\nvar q=1;var q=1;'));
    assert.ok(capped.length > MAX_SNIPPET_CHARS - 10 && capped.endsWith('[…truncated by Vigil: 1 more line]'), capped.slice(-60));
    assert.ok(capSnippet(lines.join('\n')).length <= MAX_SNIPPET_CHARS + 60);
  });
});
