// `npm run test:e2e`: packages Vigil, installs it into real VS Code (code-server) and drives Chromium through
// the user scenarios against a real Redmine. Screenshots go to test/e2e/artifacts/. Exit code 1 on any failure.
import { execFileSync } from 'node:child_process';
import { cpSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startRedmine } from '../helpers/redmine';
import { installCodeServer, startCodeServer } from './lib/codeServer';
import type { E2EContext } from './lib/context';
import { readExtHostLogs } from './lib/extHostLog';
import { installExitHandlers, onCleanup, stopAll } from './lib/processes';
import { RedmineApi } from './lib/redmineApi';
import { Workbench } from './lib/workbench';
import { SCENARIOS } from './scenarios';

const root = resolve(__dirname, '../..');
const artifacts = join(root, 'test/e2e/artifacts');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
const extensionId = `${pkg.publisher}.${pkg.name}`;
const SCENARIO_TIMEOUT = 180_000;

const started = Date.now();
async function step<T>(what: string, fn: () => Promise<T> | T): Promise<T> {
  const t = Date.now();
  process.stdout.write(`e2e: ${what}...\n`);
  const v = await fn();
  process.stdout.write(`e2e: ${what} done (${((Date.now() - t) / 1000).toFixed(1)} s)\n`);
  return v;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** A throwaway git repository, so Ask for Help has a remote, a branch and a commit to report. */
function prepareWorkspace(stateDir: string, redmineUrl: string, project: string): string {
  const ws = join(stateDir, 'workspace');
  cpSync(join(root, 'test/e2e/workspace'), ws, { recursive: true });
  writeFileSync(
    join(ws, '.vigil/config.yaml'),
    `# Written by the e2e runner: Ask for Help goes to the Redmine started for this run.\nhelp:\n  provider: redmine\n  url: ${redmineUrl}\n  project: ${project}\n`,
  );
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', 'https://git.example.com/acme/e2e-sample.git');
  git('add', '-A');
  git('-c', 'user.name=Vigil E2E', '-c', 'user.email=e2e@example.com', 'commit', '-qm', 'sample workspace');
  return ws;
}

async function main(): Promise<number> {
  installExitHandlers();
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const stateDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));

  const vsix = join(stateDir, `vigil-${pkg.version}.vsix`);
  await step('build and package the .vsix', () => execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), vsix], { stdio: 'inherit' }));
  const bin = await step('install code-server (cached)', () => installCodeServer(root));
  const redmine = await step('start Redmine', () => startRedmine());
  onCleanup(() => redmine.stop());
  const api = new RedmineApi(redmine.url, redmine.apiKey);
  const workspace = prepareWorkspace(stateDir, redmine.url, redmine.project);
  const cs = await step('install the .vsix and start code-server', () => startCodeServer(bin, vsix, workspace, stateDir));

  const browser: Browser = await step('launch Chromium', () =>
    chromium.launch({
      executablePath: process.env.VIGIL_E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }),
  );
  onCleanup(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const wb = new Workbench(page);
  await step('open the workbench', () => wb.open(cs.url, workspace));

  const ctx: E2EContext = { page, wb, workspace, redmine: { url: redmine.url, apiKey: redmine.apiKey, project: redmine.project, api }, artifacts, root };
  const failures: string[] = [];
  for (const [i, s] of SCENARIOS.entries()) {
    const n = String(i + 1);
    if (only.length && !only.includes(n)) continue;
    const label = `${n}. ${s.name}`;
    const t = Date.now();
    try {
      await withTimeout(s.run(ctx), s.timeoutMs ?? SCENARIO_TIMEOUT, label);
      await page.screenshot({ path: join(artifacts, `${n.padStart(2, '0')}-${slug(s.name)}.png`) });
      console.log(`  ✔ ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failures.push(label);
      await page.screenshot({ path: join(artifacts, `${n.padStart(2, '0')}-${slug(s.name)}-FAILED.png`) }).catch(() => undefined);
      console.log(`  ✘ ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)\n${indent(e instanceof Error ? e.stack ?? e.message : String(e))}`);
    }
    // The next scenario starts from a plain editor, whatever this one left open.
    await wb.escape(3).catch(() => undefined);
  }

  const report = readExtHostLogs(cs.userDataDir, extensionId);
  for (const f of report.files) copyFileSync(f, join(artifacts, f.slice(cs.userDataDir.length + 1).replace(/[/\\]/g, '_')));
  if (!report.activated) failures.push(`extension host log: ${extensionId} was never activated`);
  if (report.errors.length) {
    failures.push(`extension host log: ${report.errors.length} error(s) from Vigil`);
    console.log(indent(report.errors.slice(0, 20).join('\n')));
    if (report.errors.length > 20) console.log(`      … ${report.errors.length - 20} more in ${artifacts}`);
  }

  await stopAll();
  if (!failures.length) rmSync(stateDir, { recursive: true, force: true });
  else console.log(`state kept in ${stateDir}`);
  const took = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length) {
    console.log(`\ne2e: ${failures.length} failed (${took} s):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    return 1;
  }
  console.log(`\ne2e: all scenarios passed (${took} s); screenshots in ${artifacts}`);
  return 0;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function indent(s: string): string {
  return s.split('\n').map((l) => `      ${l}`).join('\n');
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    console.error(`e2e: ${e instanceof Error ? e.stack : String(e)}`);
    await stopAll();
    process.exit(1);
  },
);
