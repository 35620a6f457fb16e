// Repository facts for the ticket, read from a real temporary git repository; credentials in the remote never come out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitInfo, relativePath } from '../../client/src/askForHelp/git';

describe('ask for help: git context', () => {
  let dir: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).toString().trim();
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'vigil-git-')));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads root, branch, commit and a credential-free remote', async () => {
    git('init', '-q', '-b', 'feature/login');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'app.js'), 'eval(x)\n');
    git('add', '.');
    git('commit', '-qm', 'init');
    git('remote', 'add', 'origin', 'https://deploy:ghp_SECRETSECRETSECRET@github.com/acme/web.git');
    const info = await gitInfo(join(dir, 'src', 'app.js'));
    assert.equal(info.root, dir);
    assert.equal(info.branch, 'feature/login');
    assert.equal(info.commit, git('rev-parse', 'HEAD'));
    assert.equal(info.remote, 'https://github.com/acme/web.git');
    assert.equal(relativePath(info.root, join(dir, 'src', 'app.js')), 'src/app.js');
  });

  it('returns nothing outside a repository, without throwing', async () => {
    writeFileSync(join(dir, 'a.py'), 'x = 1\n');
    assert.deepEqual(await gitInfo(join(dir, 'a.py')), {});
    assert.equal(relativePath(undefined, join(dir, 'a.py')), join(dir, 'a.py'));
  });

  it('has no branch on a detached HEAD and no remote when none is set', async () => {
    git('init', '-q');
    writeFileSync(join(dir, 'f.txt'), 'x\n');
    git('add', '.');
    git('commit', '-qm', 'c');
    git('checkout', '-q', '--detach');
    const info = await gitInfo(join(dir, 'f.txt'));
    assert.equal(info.branch, undefined);
    assert.equal(info.remote, undefined);
    assert.match(info.commit!, /^[0-9a-f]{40}$/);
  });
});
