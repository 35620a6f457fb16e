// The redaction corpus through the real engine redact() and every provider: no listed secret appears in any request body sent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileTicket } from '../../client/src/askForHelp/file';
import { browserNewIssueUrl } from '../../client/src/askForHelp/providers/browser';
import { createProvider } from '../../client/src/askForHelp/providers';
import type { Destination, Ticket } from '../../client/src/askForHelp/providers/types';
import { composeTicket } from '../../client/src/askForHelp/ticket';
import { initEngine, languageForPath, loadRuleSet, redact, type RuleSet } from '../../server/src/engine';
import { Recorder, type Recorded } from './recorder';

const CORPUS = join(__dirname, '../fixtures/redaction');

/** Every string value inside a JSON document, so an escaped multi-line key (\n in JSON) is still compared as text. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

/** The needles for one secret: the whole value, and for a multi-line secret (a PEM key) each substantial line. */
function needles(secret: string): string[] {
  const lines = secret.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 16 && !/^-----/.test(l));
  return [secret, ...lines];
}

function assertClean(where: string, haystack: string, secrets: string[]): void {
  for (const s of secrets) for (const n of needles(s)) assert.ok(!haystack.includes(n), `${where} leaks a secret: ${n.slice(0, 12)}…`);
}

describe('ask for help: redaction corpus reaches no provider', function () {
  this.timeout(120_000);
  const expectedPath = join(CORPUS, 'expected.json');
  if (!existsSync(expectedPath)) {
    it('has a corpus (test/fixtures/redaction/expected.json)', () => assert.fail(`missing ${expectedPath}`));
    return;
  }
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, string[]>;
  const srv = new Recorder();
  let ruleSet: RuleSet;

  before(async () => {
    await initEngine();
    const loaded = loadRuleSet({ builtinDir: 'rules' });
    ruleSet = loaded.ruleSet;
    await srv.start();
  });
  after(() => srv.stop());

  it('lists at least 20 secrets in realistic formats, one entry per corpus file', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'expected.json');
    assert.deepEqual(Object.keys(expected).sort(), files.sort());
    assert.ok(Object.values(expected).flat().length >= 20);
  });

  for (const [file, secrets] of Object.entries(expected)) {
    it(`${file}: ${secrets.length} secret(s) are redacted from what every provider sends`, async () => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      for (const s of secrets) assert.ok(text.includes(s), `the corpus file holds the listed secret ${s.slice(0, 12)}…`);
      const languageId = languageForPath(file) ?? 'plaintext';
      // What the server does for a whole-file request: redact, then hand the snippet to the client.
      const { text: snippet, redactions } = redact(text, ruleSet, languageId);
      assert.ok(redactions.length >= secrets.length, `${redactions.length} redactions for ${secrets.length} secrets`);
      const lines = snippet.split('\n');
      const ticket: Ticket = composeTicket({
        kind: 'question',
        urgency: 'normal',
        description: 'Is this configuration safe to ship?',
        relPath: `config/${file}`,
        languageId,
        startLine: 0,
        endLine: lines.length - 1,
        snippet,
        redactionCount: redactions.length,
        git: { remote: 'git@github.com:acme/web.git', branch: 'main', commit: 'c0ffee' },
      });
      assert.ok(ticket.body.includes('«redacted:'));
      assertClean('the ticket body', ticket.body, secrets);

      srv.reset((r) => replyFor(r));
      const dests: Destination[] = [
        { provider: 'redmine', url: srv.url, project: 'security' },
        { provider: 'github', url: `${srv.url}/api/v3`, project: 'acme/web' },
        { provider: 'gitlab', url: srv.url, project: 'acme/web' },
        { provider: 'jira', url: srv.url, project: 'SEC', auth: 'datacenter' },
        { provider: 'webhook', url: `${srv.url}/hook` },
      ];
      for (const d of dests) {
        const r = await fileTicket(createProvider(d, { token: 'test-token' }, { timeoutMs: 5000 }), ticket);
        assert.equal(r.existing, false, d.provider);
      }
      const posts = srv.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, dests.length);
      for (const p of posts) {
        assertClean(`POST ${p.path} (raw)`, p.raw, secrets);
        assertClean(`POST ${p.path} (decoded)`, strings(p.json).join('\n'), secrets);
        assert.ok(strings(p.json).join('\n').includes(ticket.fingerprint), `POST ${p.path} carries the ticket`);
      }
      const url = browserNewIssueUrl(ticket.title, ticket.body, { remote: 'git@github.com:acme/web.git' });
      assertClean('the browser URL', decodeURIComponent(url), secrets);
    });
  }
});

function replyFor(r: Recorded): { status: number; json: unknown } {
  if (r.method === 'GET') {
    if (r.path.startsWith('/api/v3/search')) return { status: 200, json: { items: [] } };
    if (r.path.startsWith('/rest/api/2/search')) return { status: 200, json: { issues: [] } };
    if (r.path.startsWith('/api/v4/')) return { status: 200, json: [] };
    return { status: 200, json: { issues: [] } };
  }
  if (r.path === '/issues.json') return { status: 201, json: { issue: { id: 1 } } };
  if (r.path.startsWith('/api/v3/')) return { status: 201, json: { number: 1, html_url: 'https://github.example/acme/web/issues/1' } };
  if (r.path.startsWith('/api/v4/')) return { status: 201, json: { iid: 1, web_url: 'https://gitlab.example/acme/web/-/issues/1' } };
  if (r.path === '/rest/api/2/issue') return { status: 201, json: { id: '1', key: 'SEC-1' } };
  return { status: 200, json: {} };
}
