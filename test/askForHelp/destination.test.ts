// Destination precedence (pack > .vigil/config.yaml > settings > browser) and the untrusted-workspace rule.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { browserNewIssueUrl } from '../../client/src/askForHelp/providers/browser';
import { join } from 'node:path';
import { browserTarget, readWorkspaceHelp, resolveDestination, secretKey, type DestinationSources } from '../../client/src/askForHelp/destination';

const packHelp = { provider: 'redmine' as const, url: 'https://redmine.team.example', project: 'appsec' };
const configHelp = { provider: 'jira' as const, url: 'https://acme.atlassian.net', project: 'SEC' };
const userSettings = { provider: 'github', project: 'acme/security', labels: ['sec', 'triage'] };
const wsSettings = { provider: 'webhook', url: 'https://attacker.example/hook' };

function all(trusted: boolean, builtin = false): DestinationSources {
  return { trusted, pack: { id: 'team-pack', help: packHelp, builtin }, workspaceConfig: configHelp, userSettings, workspaceSettings: wsSettings };
}

describe('ask for help: destination', () => {
  describe('precedence in a trusted workspace', () => {
    it('1. the rule pack help destination wins', () => {
      const r = resolveDestination(all(true));
      assert.equal(r.source, 'pack');
      assert.equal(r.destination.provider, 'redmine');
      assert.equal(r.destination.project, 'appsec');
      assert.deepEqual(r.destination.labels, ['sec', 'triage'], 'labels from settings apply');
    });
    it('2. then .vigil/config.yaml', () => {
      const r = resolveDestination({ ...all(true), pack: { id: 'p', builtin: false } });
      assert.equal(r.source, 'workspaceConfig');
      assert.equal(r.destination.provider, 'jira');
    });
    it('3. then settings (workspace over user, key by key)', () => {
      const r = resolveDestination({ ...all(true), pack: undefined, workspaceConfig: undefined });
      assert.equal(r.source, 'workspaceSettings');
      assert.equal(r.destination.provider, 'webhook');
      assert.equal(r.destination.url, 'https://attacker.example/hook');
      const u = resolveDestination({ trusted: true, userSettings, workspaceSettings: {} });
      assert.equal(u.source, 'userSettings');
      assert.equal(u.destination.provider, 'github');
      assert.equal(u.destination.project, 'acme/security');
    });
    it('4. then the browser default (no configuration at all)', () => {
      const r = resolveDestination({ trusted: true });
      assert.equal(r.source, 'default');
      assert.deepEqual(r.destination, { provider: 'browser', labels: ['security'] });
    });
    it('skips an invalid provider name instead of failing', () => {
      const r = resolveDestination({ trusted: true, pack: { help: { provider: 'ftp' as never }, builtin: true }, userSettings: { provider: 'gitlab', project: 'g/p' } });
      assert.equal(r.source, 'userSettings');
      assert.equal(r.destination.provider, 'gitlab');
    });
  });

  describe('untrusted workspace: nothing the workspace controls decides where code goes', () => {
    it('ignores a workspace pack, .vigil/config.yaml and workspace settings; the user settings decide', () => {
      const r = resolveDestination(all(false));
      assert.equal(r.source, 'userSettings');
      assert.equal(r.destination.provider, 'github');
      assert.equal(r.destination.project, 'acme/security');
      assert.equal(r.ignored.length, 3, r.ignored.join('; '));
    });
    it('a workspace setting cannot add a url to the user destination either', () => {
      const r = resolveDestination({ trusted: false, userSettings: { provider: 'redmine', project: 'sec' }, workspaceSettings: { url: 'https://evil.example' } });
      assert.equal(r.destination.url, undefined);
    });
    it('falls back to the browser, not to the workspace choice, when the user set nothing', () => {
      const r = resolveDestination({ ...all(false), userSettings: {} });
      assert.equal(r.source, 'default');
      assert.equal(r.destination.provider, 'browser');
      assert.equal(r.destination.urlTemplate, undefined);
    });
    it('a workspace urlTemplate is ignored too', () => {
      const r = resolveDestination({ trusted: false, workspaceSettings: { provider: 'browser', urlTemplate: 'https://evil.example/?b={body}' } });
      assert.equal(r.destination.urlTemplate, undefined);
    });
    it('the repository remote does not pick the browser page either (a cloned repo chooses its remote)', () => {
      const remote = 'git@github.com:attacker/collect.git';
      const untrusted = browserTarget({ provider: 'browser' }, remote, false);
      assert.equal(untrusted.target.remote, undefined);
      assert.equal(untrusted.ignored, 'the git remote as the new-issue page');
      assert.throws(() => browserNewIssueUrl('t', 'b', untrusted.target), /No new-issue page/);
      const user = browserTarget({ provider: 'browser', urlTemplate: 'https://tracker.corp.example/new?t={title}&b={body}' }, remote, false);
      assert.ok(browserNewIssueUrl('t', 'b', user.target).startsWith('https://tracker.corp.example/new?'));
      const trusted = browserTarget({ provider: 'browser' }, remote, true);
      assert.ok(browserNewIssueUrl('t', 'b', trusted.target).startsWith('https://github.com/attacker/collect/issues/new?'));
    });
    it('a built-in pack still names its destination', () => {
      const r = resolveDestination(all(false, true));
      assert.equal(r.source, 'pack');
      assert.equal(r.destination.provider, 'redmine');
    });
  });

  it('reads help: from .vigil/config.yaml, and nothing from a malformed or absent one', () => {
    const root = mkdtempSync(join(tmpdir(), 'vigil-dest-'));
    try {
      assert.equal(readWorkspaceHelp(root), undefined);
      mkdirSync(join(root, '.vigil'));
      writeFileSync(join(root, '.vigil', 'config.yaml'), 'minSeverity: low\nhelp:\n  provider: gitlab\n  url: https://gitlab.corp.example\n  project: sec/tickets\n');
      assert.deepEqual(readWorkspaceHelp(root), { provider: 'gitlab', url: 'https://gitlab.corp.example', project: 'sec/tickets' });
      writeFileSync(join(root, '.vigil', 'config.yaml'), 'help: [unclosed');
      assert.equal(readWorkspaceHelp(root), undefined);
      writeFileSync(join(root, '.vigil', 'config.yaml'), 'help:\n  provider: carrier-pigeon\n');
      assert.equal(readWorkspaceHelp(root), undefined);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keys credentials by provider and host, so a token is never offered to another server', () => {
    assert.notEqual(secretKey({ provider: 'redmine', url: 'https://a.example' }), secretKey({ provider: 'redmine', url: 'https://b.example' }));
    assert.notEqual(secretKey({ provider: 'redmine', url: 'https://a.example' }), secretKey({ provider: 'jira', url: 'https://a.example' }));
    assert.equal(secretKey({ provider: 'redmine', url: 'https://a.example/' }), secretKey({ provider: 'redmine', url: 'https://a.example' }));
    assert.equal(secretKey({ provider: 'github', url: 'https://github.com' }), secretKey({ provider: 'github' }));
    assert.equal(secretKey({ provider: 'github', url: 'https://ghe.example' }), secretKey({ provider: 'github', url: 'https://ghe.example/api/v3' }));
  });
});
