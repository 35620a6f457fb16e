// Integration: Ask-for-help tickets filed into a real Redmine 5 (Debian, SQLite, Puma on loopback) and read back over REST.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileTicket } from '../../client/src/askForHelp/file';
import { TrackerError, createProvider } from '../../client/src/askForHelp/providers';
import type { Destination, Ticket, TicketKind } from '../../client/src/askForHelp/providers/types';
import { TicketQueue } from '../../client/src/askForHelp/queue';
import { composeTicket } from '../../client/src/askForHelp/ticket';
import { initEngine, loadRuleSet, redact, type RuleSet } from '../../server/src/engine';
import { startRedmine, type RedmineServer } from '../helpers/redmine';

const AWS_KEY = 'AKIAQ7LMNR2XW4ZB3KDE';
const GH_TOKEN = 'ghp_4fJ8kQ2mZx9LwPq7Rt3Vb6Ny1Hc5Gd0SeUa2';

/** A file with a finding on line 6 and two secrets nearby, cut to ±5 lines and redacted by the real engine as the server does. */
function ticketFor(ruleSet: RuleSet, kind: TicketKind, variant: string): Ticket {
  const lines = [
    "const express = require('express');",
    `const AWS_ACCESS_KEY_ID = '${AWS_KEY}';`,
    `const github = new Octokit({ auth: '${GH_TOKEN}' });`,
    'const app = express();',
    '',
    "app.get('/calc', (req, res) => {",
    `  res.send(String(eval(req.query.${variant})));`,
    '});',
    'app.listen(3000);',
  ];
  const { text, redactions } = redact(lines.join('\n'), ruleSet, 'javascript');
  return composeTicket({
    kind,
    urgency: kind === 'vulnerability' ? 'high' : 'normal',
    description: `Filed by the Redmine integration test (${kind}).`,
    finding: {
      ruleId: 'js/eval-injection',
      title: 'Code built from a non-constant string is evaluated',
      message: 'eval() runs a string that is not a constant.',
      severity: 'high',
      confidence: 'medium',
      cwe: ['CWE-95'],
      owasp: ['A03:2021'],
      helpUri: 'https://vigil.example/rules/js/eval-injection',
    },
    relPath: 'src/server.js',
    languageId: 'javascript',
    startLine: 0,
    endLine: lines.length - 1,
    focusStart: 6,
    focusEnd: 6,
    snippet: text,
    redactionCount: redactions.length,
    git: { remote: 'git@github.com:acme/web.git', branch: 'main', commit: 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef' },
    versions: { extension: '0.1.0', vscode: '1.100.3' },
    labels: ['security'],
  });
}

describe('ask for help: real Redmine', function () {
  this.timeout(600_000);
  let rm: RedmineServer;
  let ruleSet: RuleSet;
  let dest: Destination;

  const api = async (path: string): Promise<any> => {
    const r = await fetch(`${rm.url}${path}`, { headers: { 'X-Redmine-API-Key': rm.apiKey } });
    assert.equal(r.status, 200, `${path}: HTTP ${r.status}`);
    return r.json();
  };
  const issueCount = async () => (await api('/issues.json?project_id=security&status_id=*&limit=1')).total_count as number;
  const provider = () => createProvider(dest, { token: rm.apiKey }, { timeoutMs: 10_000, backoffMs: 50 });

  before(async () => {
    await initEngine();
    ruleSet = loadRuleSet({ builtinDir: 'rules' }).ruleSet;
    rm = await startRedmine();
    dest = { provider: 'redmine', url: rm.url, project: rm.project };
  });
  after(async () => {
    await rm?.stop();
  });

  for (const kind of ['question', 'vulnerability', 'review', 'exception'] as TicketKind[]) {
    it(`files a ${kind} ticket and reads it back: subject, body with the redacted snippet, fingerprint, link`, async () => {
      const t = ticketFor(ruleSet, kind, `expr_${kind}`);
      const r = await fileTicket(provider(), t, { backoffMs: 50 });
      assert.equal(r.existing, false);
      assert.match(r.ref, /^#\d+$/);
      const id = r.ref.slice(1);
      assert.equal(r.url, `${rm.url}/issues/${id}`);
      const { issue } = await api(`/issues/${id}.json`);
      assert.equal(issue.project.name, 'security');
      assert.equal(issue.subject, t.title);
      assert.ok(issue.subject.startsWith('[Vigil] '));
      const body = String(issue.description).replace(/\r\n/g, '\n');
      assert.equal(body, t.body);
      assert.ok(body.includes(`res.send(String(eval(req.query.expr_${kind})));`));
      assert.ok(body.includes('«redacted:secrets/aws-access-key-id»'), body);
      assert.ok(body.includes('«redacted:secrets/github-token»'), body);
      assert.ok(!body.includes(AWS_KEY) && !body.includes(GH_TOKEN), 'no secret reaches Redmine');
      assert.ok(body.endsWith(`vigil-fingerprint: ${t.fingerprint}`));
      assert.ok(body.includes('- Rule: `js/eval-injection`'));
      // The link answers: it is the ticket's page.
      const page = await fetch(r.url!, { headers: { 'X-Redmine-API-Key': rm.apiKey } });
      assert.equal(page.status, 200);
      assert.ok((await page.text()).includes(t.fingerprint));
    });
  }

  it('does not file a duplicate: the second filing returns the existing open ticket', async () => {
    const t = ticketFor(ruleSet, 'question', 'dup');
    const first = await fileTicket(provider(), t);
    const before = await issueCount();
    // A different kind/description about the same code is the same ticket.
    const again = ticketFor(ruleSet, 'vulnerability', 'dup');
    assert.equal(again.fingerprint, t.fingerprint);
    const second = await fileTicket(provider(), again);
    assert.deepEqual(second, { ...first, existing: true });
    assert.equal(await issueCount(), before);
  });

  it('reports a wrong API key as an authentication failure and an unknown project as not found', async () => {
    const t = ticketFor(ruleSet, 'question', 'errors');
    await assert.rejects(fileTicket(createProvider(dest, { token: 'f'.repeat(40) }), t), (e: TrackerError) => e.kind === 'auth' && /authentication failed/.test(e.message));
    await assert.rejects(fileTicket(createProvider({ ...dest, project: 'no-such-project' }, { token: rm.apiKey }), t), (e: TrackerError) => e.kind === 'notFound');
  });

  it('queues a ticket while Redmine is down, then drains it with exactly one ticket filed after a restart', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'vigil-global-storage-'));
    try {
      const t = ticketFor(ruleSet, 'vulnerability', 'queued');
      const before = await issueCount();
      await rm.stopServer();
      let error: TrackerError | undefined;
      try {
        await fileTicket(provider(), t, { attempts: 2, backoffMs: 20 });
      } catch (e) {
        error = e as TrackerError;
      }
      assert.ok(error, 'filing must fail while Redmine is down');
      assert.equal(error.kind, 'network');
      assert.match(error.message, /unreachable/);
      new TicketQueue(storage).enqueue(t, dest, provider().label, error.message);
      assert.equal(new TicketQueue(storage).list().length, 1);

      await rm.startServer();
      // A fresh queue object on the same folder: what the extension sees after a restart.
      const queue = new TicketQueue(storage);
      const send = (item: { ticket: Ticket; destination: Destination }) =>
        fileTicket(createProvider(item.destination, { token: rm.apiKey }), item.ticket, { backoffMs: 50 });
      const outcomes = await queue.drain(send);
      assert.equal(outcomes!.length, 1);
      assert.equal(outcomes![0].error, undefined);
      assert.equal(outcomes![0].result!.existing, false);
      assert.deepEqual(queue.list(), []);
      assert.equal(await issueCount(), before + 1);
      // Draining again (another timer tick, another window) files nothing more.
      assert.deepEqual(await queue.drain(send), []);
      const found = await api(`/issues.json?project_id=security&status_id=*&description=~${t.fingerprint}`);
      assert.equal(found.total_count, 1);
      assert.equal(`#${found.issues[0].id}`, outcomes![0].result!.ref);
    } finally {
      rmSync(storage, { recursive: true, force: true });
    }
  });
});
