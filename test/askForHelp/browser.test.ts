// The browser provider: prefilled new-issue URLs for GitHub/GitLab/templates, credential-free, within the length limit.
import assert from 'node:assert/strict';
import { DEFAULT_URL_LIMIT, TRUNCATION_MARKER, browserNewIssueUrl, parseRemote, sanitizeRemote } from '../../client/src/askForHelp/providers/browser';
import { TrackerError } from '../../client/src/askForHelp/providers/http';
import { sampleTicket } from './sample';

function params(url: string): URLSearchParams {
  return new URL(url).searchParams;
}

describe('ask for help: browser provider', () => {
  it('builds a GitHub /issues/new URL from an scp-style remote', () => {
    const t = sampleTicket();
    const url = browserNewIssueUrl(t.title, t.body, { remote: 'git@github.com:acme/web.git' });
    assert.ok(url.startsWith('https://github.com/acme/web/issues/new?title='), url);
    assert.equal(params(url).get('title'), t.title);
    assert.equal(params(url).get('body'), t.body);
  });

  it('builds a GitLab /-/issues/new URL and drops credentials embedded in the remote', () => {
    const url = browserNewIssueUrl('T', 'B', { remote: 'https://oauth2:glpat-SECRET123@gitlab.corp.example/group/sub/proj.git' });
    assert.ok(url.startsWith('https://gitlab.corp.example/group/sub/proj/-/issues/new?issue[title]=T&issue[description]=B'), url);
    assert.ok(!url.includes('glpat-SECRET123'));
    assert.ok(!url.includes('oauth2'));
  });

  it('prefers a configured template, substituting encoded {title} and {body}', () => {
    const url = browserNewIssueUrl('a&b', 'x=y #z', { urlTemplate: 'https://tracker.corp.example/new?s={title}&d={body}', remote: 'git@github.com:a/b.git' });
    assert.equal(url, 'https://tracker.corp.example/new?s=a%26b&d=x%3Dy%20%23z');
  });

  it('refuses a plain-http template to a non-loopback host and a remote that is not GitHub or GitLab', () => {
    assert.throws(() => browserNewIssueUrl('t', 'b', { urlTemplate: 'http://tracker.example/new?t={title}' }), (e: TrackerError) => e.kind === 'insecure');
    assert.throws(() => browserNewIssueUrl('t', 'b', { remote: 'git@bitbucket.org:a/b.git' }), (e: TrackerError) => e.kind === 'config');
    assert.throws(() => browserNewIssueUrl('t', 'b', {}), (e: TrackerError) => e.kind === 'config');
  });

  it('truncates a long body to fit the limit, marks it, and keeps the fingerprint line', () => {
    const long = Array.from({ length: 300 }, (_, i) => `const v${i} = 'é中😀 ${'x'.repeat(30)}';`).join('\n');
    const t = sampleTicket('vulnerability', long);
    assert.ok(t.body.length > DEFAULT_URL_LIMIT);
    for (const target of [{ remote: 'git@github.com:acme/web.git' }, { remote: 'git@gitlab.com:acme/web.git' }, { urlTemplate: 'https://t.example/new?t={title}&b={body}' }]) {
      const url = browserNewIssueUrl(t.title, t.body, target);
      assert.ok(url.length <= DEFAULT_URL_LIMIT, `${url.length}`);
      assert.ok(url.length > DEFAULT_URL_LIMIT - 200, 'uses the room it has');
      const p = params(url);
      const body = p.get('body') ?? p.get('issue[description]') ?? p.get('b')!;
      assert.ok(body.includes(TRUNCATION_MARKER));
      assert.ok(body.endsWith(`vigil-fingerprint: ${t.fingerprint}`));
      const kept = body.slice(0, body.indexOf(`\n\n${TRUNCATION_MARKER}`));
      assert.ok(t.body.startsWith(kept), 'the kept part is an unmodified prefix');
      assert.equal(p.get('title') ?? p.get('issue[title]') ?? p.get('t'), t.title);
    }
  });

  it('never splits a surrogate pair when cutting, so the URL decodes', () => {
    const body = '😀'.repeat(5000) + '\n\nvigil-fingerprint: 0123456789abcdef';
    for (let limit = 600; limit < 700; limit++) {
      const url = browserNewIssueUrl('t', body, { remote: 'git@github.com:a/b.git', limit });
      assert.ok(url.length <= limit);
      assert.doesNotThrow(() => decodeURIComponent(new URL(url).search));
      assert.ok(params(url).get('body')!.includes(TRUNCATION_MARKER));
    }
  });

  it('shortens the title only when even an empty body does not fit', () => {
    const url = browserNewIssueUrl('T'.repeat(5000), 'body', { remote: 'git@github.com:a/b.git', limit: 1000 });
    assert.ok(url.length <= 1000);
    assert.ok(params(url).get('title')!.endsWith('…'));
    assert.ok(params(url).get('body')!.includes(TRUNCATION_MARKER));
  });

  it('leaves a body that fits untouched', () => {
    const url = browserNewIssueUrl('t', 'short body', { remote: 'https://github.com/a/b' });
    assert.equal(params(url).get('body'), 'short body');
    assert.ok(!url.includes('truncated'));
  });

  it('parses and sanitizes remotes', () => {
    assert.deepEqual(parseRemote('ssh://git@github.com/acme/web.git'), { kind: 'github', host: 'github.com', path: 'acme/web', webUrl: 'https://github.com/acme/web' });
    assert.equal(parseRemote('https://github.corp.example/acme/web')?.kind, 'github');
    assert.equal(parseRemote('https://git.corp.example/acme/web')?.kind, 'other');
    assert.equal(parseRemote('git@gitlab.com:a/b/c.git')?.path, 'a/b/c');
    assert.equal(parseRemote('/local/path/repo'), undefined);
    assert.equal(sanitizeRemote('https://user:ghp_TOKEN@github.com/a/b.git'), 'https://github.com/a/b.git');
    assert.equal(sanitizeRemote('https://ghp_TOKEN@github.com/a/b.git'), 'https://github.com/a/b.git');
    assert.equal(sanitizeRemote('git@github.com:a/b.git'), 'git@github.com:a/b.git');
  });
});
