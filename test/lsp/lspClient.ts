// Test harness: spawns the real dist/server.js --stdio and speaks JSON-RPC to it with vscode-jsonrpc.
//
// Tests wait on what the server sends (diagnostics, status, progress), never on fixed sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface StartOptions {
  /** Workspace folder (absolute path). */
  folder?: string;
  /** The `vigil` settings the test answers workspace/configuration with, per scope URI (or for all). */
  settings?: (scopeUri: string | undefined) => unknown;
  capabilities?: Record<string, unknown>;
  initializationOptions?: unknown;
}

interface Waiter<T> {
  test: (v: T) => boolean;
  resolve: (v: T) => void;
}

/** Collects every message of one kind and lets a test wait for the first one matching a predicate. */
class Channel<T> {
  readonly all: T[] = [];
  private waiters: Array<Waiter<T>> = [];

  push(v: T): void {
    this.all.push(v);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(v)) return true;
      w.resolve(v);
      return false;
    });
  }

  /** Resolves with the first message (already received from index `from`, or future) matching `test`. */
  next(test: (v: T) => boolean, from = 0): Promise<T> {
    const hit = this.all.slice(from).find(test);
    if (hit) return Promise.resolve(hit);
    // No timer here: mocha's timeout fails a test that waits forever.
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }
}

export class LspClient {
  readonly diagnostics = new Channel<PublishDiagnosticsParams>();
  readonly status = new Channel<any>();
  readonly progress = new Channel<{ token: string | number; value: any }>();
  readonly logs: string[] = [];
  readonly configRequests: unknown[] = [];
  private versions = new Map<string, number>();

  private constructor(readonly proc: ChildProcess, readonly conn: MessageConnection, private opts: StartOptions) {}

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const c = new LspClient(proc, conn, opts);
    proc.stderr!.on('data', (d) => c.logs.push(String(d)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => c.diagnostics.push(p));
    conn.onNotification('vigil/status', (p) => c.status.push(p));
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      c.logs.push(p.message);
    });
    conn.onNotification('$/progress', (p: { token: string | number; value: any }) => c.progress.push(p));
    conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string; section?: string }> }) => {
      c.configRequests.push(p);
      return p.items.map((i) => (c.opts.settings ? c.opts.settings(i.scopeUri) : {}));
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    const folder = opts.folder;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder ? pathToFileURL(folder).href : null,
      workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }] : null,
      capabilities: {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
        ...(opts.capabilities ?? {}),
      },
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  /** Changes the settings the test answers with (send didChangeConfiguration afterwards). */
  setSettings(settings: (scopeUri: string | undefined) => unknown): void {
    this.opts.settings = settings;
  }

  open(uri: string, languageId: string, text: string, version = 1): void {
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends one incremental change and returns the new version. */
  change(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** Replaces the whole text (a full-document change) and returns the new version. */
  replaceAll(uri: string, text: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** The first diagnostics for `uri` published at `version` (or any version when omitted), counting from message `from`. */
  diagnosticsFor(uri: string, version?: number, from = 0): Promise<Diagnostic[]> {
    return this.diagnostics.next((p) => p.uri === uri && (version === undefined || p.version === version), from)
      .then((p) => p.diagnostics);
  }

  async stop(): Promise<void> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    this.conn.dispose();
    if (this.proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        this.proc.once('exit', () => resolve());
        setTimeout(() => this.proc.kill(), 2000).unref();
      });
    }
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** A fresh temporary workspace folder with the given files (relative path -> content). */
export function tempWorkspace(files: Record<string, string> = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-lsp-')));
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

export function codeOf(d: Diagnostic): string {
  return String(d.code);
}
