// Test helper: a real Redmine 5 (Debian packages, SQLite) served by Puma on a free loopback port, with its data in a temp dir.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REDMINE_DIR = '/usr/share/redmine';
/** The database dbconfig-common created at install time: copied, never used in place, so runs are independent. */
const PRISTINE_DB = '/var/lib/dbconfig-common/sqlite3/redmine/instances/default/redmine_default';
const SCRIPTS = resolve(__dirname, '../../scripts/redmine');

export interface RedmineServer {
  url: string;
  apiKey: string;
  /** Identifier of the project created for tickets. */
  project: string;
  /** Stops Puma (the data is kept) so a test can see the tracker down. */
  stopServer(): Promise<void>;
  /** Starts Puma again on the same port with the same data. */
  startServer(): Promise<void>;
  /** Stops Puma and deletes the data. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function wwwData(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'www-data']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'www-data']).toString().trim());
  return { uid, gid };
}

/** Runs as www-data with the instance environment and the temp database (DATABASE_URL overrides database.yml). */
function asRedmine(state: string, cmd: string[]): string[] {
  return ['--reuid=www-data', '--regid=www-data', '--init-groups', 'env', `HOME=${state}`, 'REDMINE_INSTANCE=default', 'RAILS_ENV=production', `DATABASE_URL=sqlite3:${join(state, 'db.sqlite3')}`, ...cmd];
}

async function waitUntilUp(url: string, apiKey: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Puma exited before Redmine answered:\n${log()}`);
    try {
      const r = await fetch(`${url}/users/current.json`, { headers: { 'X-Redmine-API-Key': apiKey } });
      if (r.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Redmine did not answer at ${url} in time:\n${log()}`);
}

export async function startRedmine(): Promise<RedmineServer> {
  execFileSync('sh', [join(SCRIPTS, 'install.sh')], { stdio: 'inherit', timeout: 600_000 });
  const state = mkdtempSync(join(tmpdir(), 'vigil-redmine-'));
  const { uid, gid } = wwwData();
  chownSync(state, uid, gid);
  copyFileSync(PRISTINE_DB, join(state, 'db.sqlite3'));
  chownSync(join(state, 'db.sqlite3'), uid, gid);
  const out = execFileSync('setpriv', asRedmine(state, ['ruby', 'bin/rails', 'runner', join(SCRIPTS, 'configure.rb')]), {
    cwd: REDMINE_DIR,
    timeout: 120_000,
  }).toString();
  const apiKey = /VIGIL_API_KEY=([0-9a-f]+)/.exec(out)?.[1];
  if (!apiKey) throw new Error(`Redmine configuration printed no API key:\n${out}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let logText = '';

  const startServer = async () => {
    logText = '';
    // setpriv and env exec, so the child's pid is Puma's: stopping it stops the server.
    child = spawn('setpriv', asRedmine(state, ['puma', '-e', 'production', '-b', `tcp://127.0.0.1:${port}`, '-t', '0:5', '--pidfile', join(state, 'puma.pid'), 'config.ru']), {
      cwd: REDMINE_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (logText += d));
    child.stderr!.on('data', (d) => (logText += d));
    await waitUntilUp(url, apiKey, child, () => logText);
  };
  const stopServer = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    await exited;
  };

  await startServer();
  const r = await fetch(`${url}/projects.json`, {
    method: 'POST',
    headers: { 'X-Redmine-API-Key': apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ project: { name: 'security', identifier: 'security', enabled_module_names: ['issue_tracking'] } }),
  });
  if (r.status !== 201) {
    await stopServer();
    throw new Error(`Creating the Redmine project failed: HTTP ${r.status} ${await r.text()}`);
  }
  return {
    url,
    apiKey,
    project: 'security',
    startServer,
    stopServer,
    async stop() {
      await stopServer();
      rmSync(state, { recursive: true, force: true });
    },
  };
}
