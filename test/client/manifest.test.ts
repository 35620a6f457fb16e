// The extension manifest agrees with the code: every contributed command is registered, settings match the server's type.
//
// dist/extension.js is loaded with a minimal stand-in for the `vscode` module that records
// registerCommand calls (the real VS Code run is the e2e suite's job). Starting the language server
// is stubbed out so no process is spawned here.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import Module = require('node:module');
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { SUPPORTED_LANGUAGES } from '../../client/src/languages';
import { RESTRICTED_SETTINGS } from '../../client/src/restrictedSettings';

const ROOT = path.resolve(__dirname, '..', '..');
// The CommonJS module object itself (an ES namespace import would be read-only), so fork/spawn can be stubbed.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = require('node:child_process') as typeof import('node:child_process');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** A value that answers any property access, call or construction with itself: enough for wiring code. */
function universal(overrides: Record<string | symbol, unknown> = {}): any {
  const target = function () {} as unknown as Record<string | symbol, unknown>;
  const proxy: any = new Proxy(target, {
    get: (_t, p) => {
      if (p in overrides) return overrides[p];
      if (p === 'then') return undefined; // not a promise
      if (p === Symbol.toPrimitive) return () => '';
      if (p === Symbol.iterator) return function* () {};
      return proxy;
    },
    set: () => true,
    apply: () => proxy,
    construct: () => proxy,
  });
  return proxy;
}

/** Every name the real `vscode` module exports, read from @types/vscode (a bundle copies the module's own keys). */
function vscodeExportNames(): string[] {
  const dts = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of dts.matchAll(/^\s+export (?:class|namespace|enum|function|const|let) (\w+)/gm)) names.add(m[1]);
  return [...names];
}

function fakeVscode(registered: string[]): any {
  const any = universal();
  const disposable = { dispose() {} };
  const top: Record<string, unknown> = {};
  for (const n of vscodeExportNames()) top[n] = universal();
  return Object.assign(top, {
    version: '1.100.0',
    commands: universal({
      registerCommand: (id: string) => {
        registered.push(id);
        return disposable;
      },
    }),
    workspace: universal({
      workspaceFolders: [],
      isTrusted: true,
      getConfiguration: () => universal({ get: (_k: string, d: unknown) => d, inspect: () => undefined }),
    }),
    env: universal({ appName: 'test', language: 'en' }),
    Uri: universal({ file: (p: string) => ({ fsPath: p, toString: () => `file://${p}` }), parse: () => any }),
  });
}

describe('extension manifest', function () {
  this.timeout(60_000);

  it('registers every command contributed in package.json', () => {
    const registered: string[] = [];
    const fake = fakeVscode(registered);
    const mod = Module as unknown as { _load: (...a: unknown[]) => unknown };
    const origLoad = mod._load;
    const origFork = childProcess.fork;
    const origSpawn = childProcess.spawn;
    mod._load = function (request: unknown, ...rest: unknown[]) {
      if (request === 'vscode') return fake;
      return origLoad.call(this, request, ...rest);
    };
    // The client must not start a real server from this test.
    (childProcess as { fork: unknown }).fork = () => { throw new Error('fork disabled in this test'); };
    (childProcess as { spawn: unknown }).spawn = () => { throw new Error('spawn disabled in this test'); };
    try {
      const bundle = path.join(ROOT, 'dist', 'extension.js');
      delete require.cache[bundle];
      const ext = require(bundle) as { activate: (ctx: unknown) => Promise<void> };
      const context = {
        subscriptions: [] as unknown[],
        asAbsolutePath: (p: string) => path.join(ROOT, p),
        extensionPath: ROOT,
        globalStorageUri: { fsPath: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'vigil-ext-')) },
        secrets: universal(),
        globalState: universal({ get: (_k: string, d: unknown) => d }),
        workspaceState: universal({ get: (_k: string, d: unknown) => d }),
      };
      // activate() registers everything synchronously, before it awaits the server start, which
      // cannot complete against this stand-in; its promise is left unsettled on purpose.
      void ext.activate(context).catch(() => undefined);
      // Dispose what activation created (e.g. the ticket queue's retry timers) so the test process can exit.
      for (const d of context.subscriptions as Array<{ dispose?: () => unknown }>) {
        try {
          d.dispose?.();
        } catch {
          /* stand-in objects may not dispose cleanly */
        }
      }
    } finally {
      mod._load = origLoad;
      (childProcess as { fork: unknown }).fork = origFork;
      (childProcess as { spawn: unknown }).spawn = origSpawn;
    }
    const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= 7);
    const missing = contributed.filter((c) => !registered.includes(c));
    assert.deepEqual(missing, [], `registered: ${registered.join(', ')}`);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Vigil', `${c.command} has category Vigil`);
  });

  it('contributes the same settings and defaults as the server settings type', () => {
    const props: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> = pkg.contributes.configuration.properties;
    const serverKeys = Object.keys(DEFAULT_SETTINGS).map((k) => `vigil.${k}`).sort();
    const contributed = Object.keys(props).filter((k) => !k.startsWith('vigil.askForHelp.')).sort();
    assert.deepEqual(contributed, serverKeys);
    for (const [k, v] of Object.entries(DEFAULT_SETTINGS)) {
      assert.deepEqual(props[`vigil.${k}`].default, v, `default of vigil.${k}`);
      assert.ok(props[`vigil.${k}`].description || props[`vigil.${k}`].markdownDescription, `vigil.${k} has a description`);
    }
  });

  it('activates on every supported language, on .vigil and on the commands', () => {
    const events: string[] = pkg.activationEvents;
    for (const l of SUPPORTED_LANGUAGES) assert.ok(events.includes(`onLanguage:${l}`), l);
    assert.ok(events.includes('workspaceContains:.vigil'));
    for (const c of pkg.contributes.commands) assert.ok(events.includes(`onCommand:${c.command}`), c.command);
  });

  it('limits untrusted workspaces and restricts the settings that load code or choose where data goes', () => {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    for (const k of RESTRICTED_SETTINGS) assert.ok(u.restrictedConfigurations.includes(`vigil.${k}`), k);
    for (const k of ['vigil.askForHelp.provider', 'vigil.askForHelp.url']) assert.ok(u.restrictedConfigurations.includes(k), k);
    for (const k of u.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[k], `${k} is a contributed setting`);
  });

  it('validates rule packs with rules/schema.json and contributes the snippets', () => {
    const json = pkg.contributes.jsonValidation.find((v: { url: string }) => v.url === './rules/schema.json');
    const yaml = pkg.contributes.yamlValidation.find((v: { url: string }) => v.url === './rules/schema.json');
    assert.ok(json.fileMatch.includes('**/pack.json'));
    assert.ok(yaml.fileMatch.includes('**/pack.yaml') && yaml.fileMatch.includes('**/.vigil/rules/**/*.yaml'));
    assert.ok(fs.existsSync(path.join(ROOT, 'rules', 'schema.json')));
    const langs = pkg.contributes.snippets.map((s: { language: string }) => s.language).sort();
    assert.deepEqual(langs, ['javascript', 'javascriptreact', 'python', 'typescript', 'typescriptreact']);
  });
});
