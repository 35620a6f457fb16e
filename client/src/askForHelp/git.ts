// Reads the repository facts a ticket carries (root, remote, branch, commit) with the git CLI. No vscode; never throws.
import { execFile } from 'node:child_process';
import { dirname, relative, sep } from 'node:path';
import { sanitizeRemote } from './providers/browser';

export interface GitInfo {
  root?: string;
  /** The remote URL with any embedded credentials removed. */
  remote?: string;
  branch?: string;
  commit?: string;
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    // No shell; a short timeout so a hung git (credential prompt, huge repo) never blocks the command.
    execFile('git', args, { cwd, timeout: 5000, windowsHide: true, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout) =>
      resolve(err ? undefined : stdout.trim() || undefined),
    );
  });
}

export async function gitInfo(filePath: string): Promise<GitInfo> {
  const cwd = dirname(filePath);
  const root = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!root) return {};
  const [branch, commit] = await Promise.all([git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']), git(cwd, ['rev-parse', 'HEAD'])]);
  // The remote of the branch's upstream when there is one, else origin, else the first remote.
  let remoteName = branch && branch !== 'HEAD' ? await git(cwd, ['config', '--get', `branch.${branch}.remote`]) : undefined;
  if (!remoteName) {
    const remotes = (await git(cwd, ['remote']))?.split(/\r?\n/) ?? [];
    remoteName = remotes.includes('origin') ? 'origin' : remotes[0];
  }
  const remote = remoteName ? sanitizeRemote(await git(cwd, ['remote', 'get-url', remoteName])) : undefined;
  return { root, remote, branch: branch === 'HEAD' ? undefined : branch, commit };
}

/** Path of the file relative to the repository (or workspace) root, with forward slashes. */
export function relativePath(root: string | undefined, filePath: string): string {
  if (!root) return filePath.split(sep).join('/');
  const r = relative(root, filePath);
  return (r.startsWith('..') ? filePath : r).split(sep).join('/');
}
