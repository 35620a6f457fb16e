// Starts the e2e run's background servers each in its own process group, and stops every group on exit,
// on failure and on Ctrl+C, so no code-server, file watcher or Puma outlives the run.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';

interface Group {
  name: string;
  child: ChildProcess;
}

const groups: Group[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

/**
 * Spawns `cmd` as the leader of a new session (Node's `detached` calls setsid), with output to `logFile`.
 * The whole group (the leader and anything it forks) is killed by `stopAll`.
 */
export function startGroup(name: string, cmd: string, args: string[], logFile: string, opts: SpawnOptions = {}): ChildProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  groups.push({ name, child });
  return child;
}

/** Registers extra teardown (e.g. a Redmine helper's stop()) run before the process groups are killed. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

function killGroup(g: Group, signal: NodeJS.Signals): void {
  if (g.child.pid === undefined) return;
  try {
    process.kill(-g.child.pid, signal); // negative pid: the whole process group
  } catch {
    /* already gone */
  }
}

function groupAlive(g: Group): boolean {
  if (g.child.pid === undefined) return false;
  try {
    process.kill(-g.child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

let stopping: Promise<void> | undefined;

/** Runs the registered teardowns, then TERMs every group and KILLs what is still there after a grace period. */
export function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        console.error(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    for (const g of groups) killGroup(g, 'SIGTERM');
    // Wait (bounded) until the groups are gone; anything left gets SIGKILL.
    const deadline = Date.now() + 5000;
    while (groups.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const g of groups) if (groupAlive(g)) killGroup(g, 'SIGKILL');
  })();
  return stopping;
}

/** Makes Ctrl+C, SIGTERM and a crash still stop the groups; the synchronous 'exit' hook is the last resort. */
export function installExitHandlers(): void {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      console.error(`\ne2e: ${sig}, stopping servers`);
      void stopAll().finally(() => process.exit(130));
    });
  }
  process.on('exit', () => {
    for (const g of groups) killGroup(g, 'SIGKILL');
  });
}
