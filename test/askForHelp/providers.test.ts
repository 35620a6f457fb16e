// GitHub, GitLab, Jira and webhook providers against a recording loopback server: exact requests, then every failure mode.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { fileTicket } from '../../client/src/askForHelp/file';
import { TrackerError, createProvider } from '../../client/src/askForHelp/providers';
import { githubApiBase } from '../../client/src/askForHelp/providers/github';
import type { Destination } from '../../client/src/askForHelp/providers/types';
import { Recorder } from './recorder';
import { sampleTicket } from './sample';

const FAST = { timeoutMs: 2000, backoffMs: 1 };

describe('ask for help: REST providers (recorded)', () => {
  const srv = new Recorder();
  before(() => srv.start());
  after(() => srv.stop());

  describe('github', () => {
    const dest = (): Destination => ({ provider: 'github', url: `${srv.url}/api/v3`, project: 'acme/web' });
    const token = 'ghp_TESTTOKEN000000000000000000000000000';

    it('searches for the fingerprint, then POSTs /repos/{owner}/{repo}/issues as GitHub documents', async () => {
      srv.reset((r) =>
        r.method === 'GET' ? { status: 200, json: { total_count: 0, items: [] } } : { status: 201, json: { number: 7, html_url: 'https://github.example/acme/web/issues/7' } },
      );
      const t = sampleTicket();
      const r = await fileTicket(createProvider(dest(), { token }, FAST), t, { backoffMs: 1 });
      assert.deepEqual(r, { ref: 'acme/web#7', url: 'https://github.example/acme/web/issues/7', existing: false });
      assert.equal(srv.requests.length, 2);
      const [search, post] = srv.requests;
      assert.equal(search.method, 'GET');
      assert.equal(search.path, '/api/v3/search/issues');
      const q = search.query.get('q')!;
      assert.ok(q.includes(t.fingerprint) && q.includes('repo:acme/web') && q.includes('is:open'), q);
      assert.equal(post.method, 'POST');
      assert.equal(post.path, '/api/v3/repos/acme/web/issues');
      for (const h of [search.headers, post.headers]) {
        assert.equal(h.authorization, `Bearer ${token}`);
        assert.equal(h.accept, 'application/vnd.github+json');
        assert.equal(h['x-github-api-version'], '2022-11-28');
      }
      assert.equal(post.headers['content-type'], 'application/json');
      assert.deepEqual(post.json, { title: t.title, body: t.body, labels: ['security'] });
    });

    it('returns the existing open issue and files nothing when the search finds the fingerprint', async () => {
      const t = sampleTicket();
      srv.reset(() => ({ status: 200, json: { total_count: 1, items: [{ number: 3, html_url: 'https://github.example/acme/web/issues/3', body: `x\nvigil-fingerprint: ${t.fingerprint}` }] } }));
      const r = await fileTicket(createProvider(dest(), { token }, FAST), t);
      assert.deepEqual(r, { ref: 'acme/web#3', url: 'https://github.example/acme/web/issues/3', existing: true });
      assert.deepEqual(srv.requests.map((x) => x.method), ['GET']);
    });

    it('maps github.com and GitHub Enterprise addresses to their API base', () => {
      assert.equal(githubApiBase(undefined), 'https://api.github.com');
      assert.equal(githubApiBase('https://github.com'), 'https://api.github.com');
      assert.equal(githubApiBase('https://ghe.corp.example'), 'https://ghe.corp.example/api/v3');
      assert.equal(githubApiBase('https://ghe.corp.example/api/v3/'), 'https://ghe.corp.example/api/v3');
    });
  });

  describe('gitlab', () => {
    it('POSTs /api/v4/projects/:id/issues with PRIVATE-TOKEN and the URL-encoded path', async () => {
      srv.reset((r) => (r.method === 'GET' ? { status: 200, json: [] } : { status: 201, json: { iid: 12, web_url: 'https://gitlab.example/g/s/p/-/issues/12' } }));
      const t = sampleTicket('question');
      const r = await fileTicket(createProvider({ provider: 'gitlab', url: srv.url, project: 'group/sub/proj' }, { token: 'glpat-TESTTOKEN' }, FAST), t);
      assert.deepEqual(r, { ref: '#12', url: 'https://gitlab.example/g/s/p/-/issues/12', existing: false });
      const [search, post] = srv.requests;
      // The raw request line keeps %2F: GitLab needs the namespaced path encoded as one segment.
      assert.ok(search.url.startsWith('/api/v4/projects/group%2Fsub%2Fproj/issues?'), search.url);
      assert.equal(search.query.get('search'), t.fingerprint);
      assert.equal(search.query.get('state'), 'opened');
      assert.equal(post.method, 'POST');
      assert.equal(post.url, '/api/v4/projects/group%2Fsub%2Fproj/issues');
      assert.equal(post.headers['private-token'], 'glpat-TESTTOKEN');
      assert.equal(post.headers.authorization, undefined);
      assert.equal(post.headers['content-type'], 'application/json');
      assert.deepEqual(post.json, { title: t.title, description: t.body, labels: 'security' });
    });

    it('finds an existing opened issue by fingerprint', async () => {
      const t = sampleTicket('question');
      srv.reset(() => ({ status: 200, json: [{ iid: 4, web_url: 'https://gitlab.example/x/-/issues/4', description: `vigil-fingerprint: ${t.fingerprint}` }] }));
      const r = await fileTicket(createProvider({ provider: 'gitlab', url: srv.url, project: '42' }, { token: 'glpat-x' }, FAST), t);
      assert.equal(r.existing, true);
      assert.equal(r.ref, '#4');
      assert.equal(srv.requests.length, 1);
      assert.equal(srv.requests[0].path, '/api/v4/projects/42/issues');
    });
  });

  describe('jira', () => {
    const reply = (r: { method: string }) =>
      r.method === 'GET' ? { status: 200, json: { startAt: 0, total: 0, issues: [] } } : { status: 201, json: { id: '10001', key: 'SEC-123', self: 'x' } };

    it('Cloud: Basic base64(email:token), POST /rest/api/2/issue with the documented fields', async () => {
      srv.reset(reply);
      const t = sampleTicket('review');
      const r = await fileTicket(createProvider({ provider: 'jira', url: srv.url, project: 'SEC', auth: 'cloud' }, { email: 'dev@acme.example', token: 'ATATT-TEST' }, FAST), t);
      assert.deepEqual(r, { ref: 'SEC-123', url: `${srv.url}/browse/SEC-123`, existing: false });
      const [search, post] = srv.requests;
      assert.equal(search.path, '/rest/api/2/search');
      const jql = search.query.get('jql')!;
      assert.ok(jql.includes('project = "SEC"') && jql.includes(`text ~ "\\"${t.fingerprint}\\""`) && jql.includes('statusCategory != Done'), jql);
      assert.equal(post.method, 'POST');
      assert.equal(post.path, '/rest/api/2/issue');
      assert.equal(post.headers.authorization, 'Basic ' + Buffer.from('dev@acme.example:ATATT-TEST').toString('base64'));
      assert.equal(post.headers['content-type'], 'application/json');
      assert.deepEqual(post.json, {
        fields: { project: { key: 'SEC' }, summary: t.title, description: t.body, issuetype: { name: 'Task' }, labels: ['security'] },
      });
    });

    it('Data Center: Bearer personal access token', async () => {
      srv.reset(reply);
      await fileTicket(createProvider({ provider: 'jira', url: srv.url, project: 'SEC', auth: 'datacenter', issueType: 'Bug' }, { token: 'PAT-TEST' }, FAST), sampleTicket());
      assert.equal(srv.requests[1].headers.authorization, 'Bearer PAT-TEST');
      assert.deepEqual(srv.requests[1].json.fields.issuetype, { name: 'Bug' });
    });

    it('falls back to /rest/api/3/search/jql where Jira Cloud retired the v2 search (410)', async () => {
      const t = sampleTicket();
      srv.reset((r) => {
        if (r.path === '/rest/api/2/search') return { status: 410, json: { errorMessages: ['The requested API has been removed.'] } };
        if (r.path === '/rest/api/3/search/jql') {
          return { status: 200, json: { issues: [{ key: 'SEC-9', fields: { description: { type: 'doc', content: [{ type: 'text', text: `vigil-fingerprint: ${t.fingerprint}` }] } } }] } };
        }
        return { status: 500 };
      });
      const r = await fileTicket(createProvider({ provider: 'jira', url: srv.url, project: 'SEC', auth: 'cloud' }, { email: 'a@b.c', token: 't' }, FAST), t);
      assert.deepEqual(r, { ref: 'SEC-9', url: `${srv.url}/browse/SEC-9`, existing: true });
      assert.deepEqual(srv.requests.map((x) => x.path), ['/rest/api/2/search', '/rest/api/3/search/jql']);
      assert.equal(srv.requests[1].query.get('jql'), srv.requests[0].query.get('jql'));
    });
  });

  describe('webhook', () => {
    it('POSTs the JSON payload with an HMAC-SHA256 signature of the raw body that verifies with the shared secret', async () => {
      srv.reset(() => ({ status: 200, json: { id: 'HOOK-1', url: 'https://chat.example/t/1' } }));
      const secret = 'shared-secret-for-tests';
      const t = sampleTicket('exception');
      const r = await fileTicket(createProvider({ provider: 'webhook', url: `${srv.url}/hooks/vigil` }, { token: secret }, FAST), t);
      assert.deepEqual(r, { ref: 'HOOK-1', url: 'https://chat.example/t/1', existing: false });
      assert.equal(srv.requests.length, 1);
      const [req] = srv.requests;
      assert.equal(req.method, 'POST');
      assert.equal(req.path, '/hooks/vigil');
      assert.equal(req.headers['content-type'], 'application/json');
      const expected = 'sha256=' + createHmac('sha256', secret).update(req.raw).digest('hex');
      assert.equal(req.headers['x-vigil-signature'], expected);
      const wrong = 'sha256=' + createHmac('sha256', 'other').update(req.raw).digest('hex');
      assert.notEqual(req.headers['x-vigil-signature'], wrong);
      assert.equal(req.json.type, 'vigil.ticket');
      assert.equal(req.json.kind, 'exception');
      assert.equal(req.json.title, t.title);
      assert.equal(req.json.body, t.body);
      assert.equal(req.json.fingerprint, t.fingerprint);
      assert.equal(req.json.context.rule.id, 'js/eval-injection');
      assert.ok(!req.raw.includes(secret), 'the secret itself is never sent');
    });
  });

  describe('failures', () => {
    const gh = (token = 'ghp_SECRET_SHOULD_NOT_LEAK') => createProvider({ provider: 'github', url: `${srv.url}/api/v3`, project: 'acme/web' }, { token }, FAST);
    const failWith = async (p: Promise<unknown>): Promise<TrackerError> => {
      try {
        await p;
      } catch (e) {
        assert.ok(e instanceof TrackerError, String(e));
        return e;
      }
      assert.fail('expected a TrackerError');
    };

    it('401 -> authentication failed, not retried, token not in the message', async () => {
      srv.reset(() => ({ status: 401, json: { message: 'Bad credentials' } }));
      const e = await failWith(fileTicket(gh(), sampleTicket(), { attempts: 3, backoffMs: 1 }));
      assert.equal(e.kind, 'auth');
      assert.match(e.message, /authentication failed/);
      assert.ok(!e.message.includes('ghp_SECRET_SHOULD_NOT_LEAK'));
      assert.equal(srv.requests.length, 1);
    });

    it('403 -> authentication failed (Redmine/GitLab answer 403 for missing rights)', async () => {
      srv.reset(() => ({ status: 403, json: { message: '403 Forbidden' } }));
      const e = await failWith(fileTicket(createProvider({ provider: 'gitlab', url: srv.url, project: 'g/p' }, { token: 't' }, FAST), sampleTicket()));
      assert.equal(e.kind, 'auth');
    });

    it('404 -> project not found', async () => {
      srv.reset((r) => (r.method === 'GET' ? { status: 200, json: [] } : { status: 404, json: { message: '404 Project Not Found' } }));
      const e = await failWith(fileTicket(createProvider({ provider: 'gitlab', url: srv.url, project: 'nope/nope' }, { token: 't' }, FAST), sampleTicket()));
      assert.equal(e.kind, 'notFound');
      assert.match(e.message, /not found/);
      assert.equal(srv.requests.filter((r) => r.method === 'POST').length, 1);
    });

    it('422 -> validation failed with the server message (GitHub)', async () => {
      srv.reset((r) =>
        r.method === 'GET' ? { status: 200, json: { items: [] } } : { status: 422, json: { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }] } },
      );
      const e = await failWith(fileTicket(gh(), sampleTicket()));
      assert.equal(e.kind, 'validation');
      assert.match(e.message, /Validation Failed/);
      assert.match(e.message, /missing_field/);
    });

    it('400 -> validation failed with the server message (Jira)', async () => {
      srv.reset((r) =>
        r.method === 'GET' ? { status: 200, json: { issues: [] } } : { status: 400, json: { errorMessages: [], errors: { issuetype: 'Specify a valid issue type' } } },
      );
      const e = await failWith(fileTicket(createProvider({ provider: 'jira', url: srv.url, project: 'SEC', auth: 'datacenter' }, { token: 'p' }, FAST), sampleTicket()));
      assert.equal(e.kind, 'validation');
      assert.match(e.message, /Specify a valid issue type/);
    });

    it('500 -> retried with a duplicate check before each attempt, then fails as a server error', async () => {
      srv.reset((r) => (r.method === 'GET' ? { status: 200, json: { items: [] } } : { status: 500, json: { message: 'boom' } }));
      const e = await failWith(fileTicket(gh(), sampleTicket(), { attempts: 3, backoffMs: 1 }));
      assert.equal(e.kind, 'server');
      assert.equal(e.retryable, true);
      assert.deepEqual(srv.requests.map((r) => r.method), ['GET', 'POST', 'GET', 'POST', 'GET', 'POST']);
    });

    it('500 then success -> filed once', async () => {
      let posts = 0;
      srv.reset((r) => (r.method === 'GET' ? { status: 200, json: { items: [] } } : ++posts === 1 ? { status: 502 } : { status: 201, json: { number: 9, html_url: 'u' } }));
      const r = await fileTicket(gh(), sampleTicket(), { attempts: 3, backoffMs: 1 });
      assert.equal(r.ref, 'acme/web#9');
      assert.equal(posts, 2);
    });

    it('a POST that timed out but was created is found by the next duplicate check, not filed twice', async () => {
      const t = sampleTicket();
      let created = false;
      srv.reset((r) => {
        if (r.method === 'GET') return { status: 200, json: { items: created ? [{ number: 5, html_url: 'u5', body: `vigil-fingerprint: ${t.fingerprint}` }] : [] } };
        created = true;
        return { hang: true };
      });
      const p = createProvider({ provider: 'github', url: `${srv.url}/api/v3`, project: 'acme/web' }, { token: 't' }, { timeoutMs: 150, backoffMs: 1 });
      const r = await fileTicket(p, t, { attempts: 3, backoffMs: 1 });
      assert.deepEqual(r, { ref: 'acme/web#5', url: 'u5', existing: true });
      assert.equal(srv.requests.filter((x) => x.method === 'POST').length, 1);
    });

    it('timeout -> a clear timeout error', async () => {
      srv.reset(() => ({ hang: true }));
      const p = createProvider({ provider: 'webhook', url: `${srv.url}/h` }, { token: 's' }, { timeoutMs: 150 });
      const e = await failWith(fileTicket(p, sampleTicket(), { attempts: 2, backoffMs: 1 }));
      assert.equal(e.kind, 'timeout');
      assert.match(e.message, /did not answer within/);
      assert.equal(srv.requests.length, 2);
    });

    it('network unreachable -> a clear network error', async () => {
      const closed = new Recorder();
      await closed.start();
      const url = closed.url;
      await closed.stop();
      const e = await failWith(fileTicket(createProvider({ provider: 'webhook', url }, { token: 's' }, FAST), sampleTicket(), { attempts: 2, backoffMs: 1 }));
      assert.equal(e.kind, 'network');
      assert.match(e.message, /unreachable/);
      assert.match(e.message, /ECONNREFUSED/);
    });

    it('plain http to a non-loopback host is refused before anything is sent', async () => {
      srv.reset(() => ({ status: 200, json: {} }));
      assert.throws(() => createProvider({ provider: 'webhook', url: 'http://hooks.example.com/x' }, { token: 's' }, FAST), (x: TrackerError) => x.kind === 'insecure' && /plain HTTP/.test(x.message));
      assert.throws(() => createProvider({ provider: 'webhook', url: 'ftp://hooks.example.com/x' }, { token: 's' }, FAST), (x: TrackerError) => x.kind === 'config');
      // Loopback in every spelling is allowed over http (local test servers, SSH tunnels).
      for (const u of ['http://127.0.0.1:9/x', 'http://127.8.9.10/x', 'http://localhost:9/x', 'http://[::1]:9/x']) {
        assert.doesNotThrow(() => createProvider({ provider: 'webhook', url: u }, { token: 's' }, FAST), u);
      }
      assert.equal(srv.requests.length, 0);
      assert.throws(() => createProvider({ provider: 'redmine', url: 'http://10.0.0.5', project: 'p' }, { token: 'k' }), (x: TrackerError) => x.kind === 'insecure');
      assert.throws(() => createProvider({ provider: 'redmine', url: 'https://user:pw@redmine.example', project: 'p' }, { token: 'k' }), (x: TrackerError) => x.kind === 'config');
    });

    it('does not follow a redirect (the token would go along) and says where it points', async () => {
      srv.reset(() => ({ status: 301, headers: { Location: 'https://elsewhere.example/api/v3/search/issues?q=x' } }));
      const e = await failWith(fileTicket(gh(), sampleTicket()));
      assert.equal(e.kind, 'http');
      assert.match(e.message, /redirected \(HTTP 301\) to https:\/\/elsewhere\.example\/api\/v3\/search\/issues;/);
      assert.equal(srv.requests.length, 1);
    });

    it('a token with a control character is a configuration error that does not echo the token', async () => {
      srv.reset(() => ({ status: 200, json: { items: [] } }));
      const e = await failWith(fileTicket(gh('ghp_PASTED\nWITH_NEWLINE'), sampleTicket()));
      assert.equal(e.kind, 'config');
      assert.ok(!e.message.includes('ghp_PASTED'));
      assert.equal(srv.requests.length, 0);
    });

    it('a missing token is a configuration error, and nothing is sent', async () => {
      srv.reset(() => ({ status: 200, json: {} }));
      const e = await failWith(fileTicket(createProvider({ provider: 'github', url: `${srv.url}/api/v3`, project: 'a/b' }, {}, FAST), sampleTicket()));
      assert.equal(e.kind, 'config');
      assert.equal(srv.requests.length, 0);
    });
  });
});
