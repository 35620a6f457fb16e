// Installs code-server (VS Code 1.100.3 for the browser) into the cache, installs the .vsix under test into a
// fresh extensions dir, and starts it on loopback with a fresh user-data dir.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startGroup } from './processes';
import { GiveUp, waitUntil } from './waitFor';

export interface CodeServer {
  url: string;
  userDataDir: string;
  extensionsDir: string;
}

/** User settings that keep the workbench quiet and make typing in tests literal (no auto-closing, no suggest). */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingComments': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.parameterHints.enabled': false,
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'problems.autoReveal': false,
  // The table view puts file, code and position on every Problems row, so a row can be matched on its own.
  'problems.defaultViewMode': 'table',
  // The built-in TypeScript service stays quiet: its own diagnostics are not under test, and type
  // acquisition would reach for the network.
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
};

export function installCodeServer(root: string): string {
  // The script prints the binary's path on its last stdout line; its progress goes to our stderr.
  const out = execFileSync('bash', [join(root, 'scripts/e2e/install-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const bin = out.trim().split('\n').pop();
  if (!bin) throw new Error('install-code-server.sh printed no binary path');
  return bin;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(bin: string, vsix: string, workspace: string, stateDir: string): Promise<CodeServer> {
  const userDataDir = join(stateDir, 'user-data');
  const extensionsDir = join(stateDir, 'extensions');
  const config = join(stateDir, 'code-server.yaml'); // keeps code-server from writing ~/.config/code-server
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  writeFileSync(config, 'auth: none\n');

  const common = ['--config', config, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
  const installed = execFileSync(bin, [...common, '--install-extension', vsix], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!/successfully installed/i.test(installed)) throw new Error(`installing ${vsix} failed:\n${installed}`);

  const port = await freePort();
  const child = startGroup('code-server', bin, [
    ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    workspace,
  ], join(stateDir, 'code-server.log'));
  let exited: string | undefined;
  child.once('exit', (code, sig) => (exited = `code-server exited early (${code ?? sig}); see ${join(stateDir, 'code-server.log')}`));

  const url = `http://127.0.0.1:${port}`;
  await waitUntil('code-server to answer /healthz', async () => {
    if (exited) throw new GiveUp(exited);
    const r = await fetch(`${url}/healthz`);
    return r.ok ? true : undefined;
  }, 60000);
  return { url, userDataDir, extensionsDir };
}
