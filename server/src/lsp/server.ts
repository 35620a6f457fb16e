// Wires the Vigil language server: documents, settings, rule sets, validation, code actions, hover and custom requests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { decodeText, initEngine, languageForPath } from '../engine';
import type { Problem } from '../engine/types';
import { ChangedLinesCache } from './changedLines';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { DocumentStore } from './documents';
import { findingContext } from './findingContext';
import { guidanceSource, renderGuidance } from './guidance';
import { hoverAt } from './hover';
import {
  FindingContextRequest, PacksRequest, RuleGuidanceRequest, RulesRequest, ScanWorkspaceRequest, SuppressionEditRequest,
} from './protocol';
import { SettingsCache, type ExplicitSettings } from './settings';
import { packSummaries, StatusReporter } from './statusReporter';
import { suppressionEdit } from './suppressionEdit';
import { pathToUri, uriToPath } from './uris';
import { Validator } from './validator';
import { scanWorkspace } from './workspaceScan';
import { WorkspaceRules, type LoadedRules } from './workspaceRules';

/** Rules reload once per burst of file events (saving a pack often fires create + change). */
const RELOAD_DELAY_MS = 50;

export function startServer(connection: Connection): void {
  const documents = new DocumentStore();
  let folders: string[] = [];
  let canPullConfig = false;
  let canRegisterConfig = false;
  let canRegisterWatchers = false;
  let canCreateProgress = false;
  let versionedEdits = false;
  let clientWatchesFiles = false;
  let canWorkspaceFolders = false;
  const loggedProblems = new Set<string>();

  const log = (m: string) => connection.console.log(m);
  const logProblemsOnce = (problems: Problem[]) => {
    for (const p of problems) {
      const text = `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}: ${p.severity}: ${p.message}`;
      if (loggedProblems.has(text)) continue;
      loggedProblems.add(text);
      if (p.severity === 'error') connection.console.error(text);
      else connection.console.warn(text);
    }
  };

  const settings = new SettingsCache(async (uri) => {
    if (!canPullConfig) return {};
    return connection.workspace.getConfiguration({ scopeUri: uri, section: 'vigil' });
  });
  let status: StatusReporter | undefined;
  const rules = new WorkspaceRules(undefined, (loaded) => {
    logProblemsOnce(loaded.problems);
    status?.send();
  });
  status = new StatusReporter(connection, () => rules.loaded());
  const changedLines = new ChangedLinesCache();

  const rootFor = (uri: string): string | undefined => {
    const file = uriToPath(uri);
    if (!file) return folders[0];
    let best: string | undefined;
    for (const f of folders) {
      if ((file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) && (!best || f.length > best.length)) best = f;
    }
    return best;
  };
  const rulesFor = (uri: string, s: ExplicitSettings): LoadedRules => rules.get(rootFor(uri), s);

  const validator = new Validator({
    connection, documents, settingsFor: (uri) => settings.get(uri), rulesFor, rootFor, changedLines, status, log,
  });

  /** Loads the rules of every folder (or the folderless set) so the status shows packs and errors at once. */
  const loadAllFolders = async () => {
    const roots = folders.length ? folders : [undefined];
    for (const r of roots) {
      const uri = r ? pathToUri(r) : undefined;
      rules.get(r, await settings.get(uri));
    }
    status?.send();
  };

  let reloadTimer: NodeJS.Timeout | undefined;
  const reloadRules = (why: string) => {
    validator.invalidate();
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined;
      log(`Reloading rules: ${why}.`);
      rules.clear();
      changedLines.invalidate();
      void loadAllFolders().then(() => validator.refreshAll());
    }, RELOAD_DELAY_MS);
  };

  connection.onInitialize(async (params: InitializeParams): Promise<InitializeResult> => {
    const caps = params.capabilities;
    canPullConfig = !!caps.workspace?.configuration;
    canRegisterConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    canRegisterWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canCreateProgress = !!caps.window?.workDoneProgress;
    versionedEdits = !!caps.workspace?.workspaceEdit?.documentChanges;
    canWorkspaceFolders = !!caps.workspace?.workspaceFolders;
    clientWatchesFiles = (params.initializationOptions as { clientWatchesFiles?: boolean } | undefined)?.clientWatchesFiles === true;
    folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((f): f is string => !!f);
    if (!folders.length && params.rootUri) {
      const r = uriToPath(params.rootUri);
      if (r) folders = [r];
    }
    await initEngine();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'vigil' },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'vigil' });
    if (canRegisterWatchers && !clientWatchesFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.vigil/**' }] });
    }
    if (canWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((f): f is string => !!f)];
        reloadRules('workspace folders changed');
      });
    }
    void loadAllFolders();
  });

  connection.onDidOpenTextDocument((p) => {
    documents.open(p.textDocument.uri, p.textDocument.languageId, p.textDocument.version, p.textDocument.text);
    validator.schedule(p.textDocument.uri);
  });
  connection.onDidChangeTextDocument((p) => {
    if (documents.change(p.textDocument.uri, p.textDocument.version, p.contentChanges)) validator.schedule(p.textDocument.uri);
  });
  connection.onDidCloseTextDocument((p) => {
    documents.close(p.textDocument.uri);
    validator.closed(p.textDocument.uri);
  });
  connection.onDidSaveTextDocument((p) => {
    validator.saved(p.textDocument.uri);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    reloadRules('settings changed');
  });
  connection.onDidChangeWatchedFiles((p) => {
    if (p.changes.length) reloadRules(`${p.changes.length} rule or config file(s) changed`);
  });

  connection.onCodeAction((p) => codeActions(p, validator.get(p.textDocument.uri), documents.get(p.textDocument.uri)?.doc.version, versionedEdits));
  connection.onHover((p) => hoverAt(validator.get(p.textDocument.uri), p.position));

  connection.onRequest(FindingContextRequest, async (p) => {
    const open = documents.get(p.uri);
    let text: string;
    let languageId: string;
    if (open) {
      text = open.doc.getText();
      languageId = open.languageId;
    } else {
      const file = uriToPath(p.uri);
      if (!file) throw new Error(`cannot read ${p.uri}`);
      const decoded = decodeText(fs.readFileSync(file));
      if ('error' in decoded) throw new Error(`cannot read ${p.uri}: ${decoded.error}`);
      text = decoded.text;
      languageId = languageForPath(file) ?? 'plaintext';
    }
    const loaded = rulesFor(p.uri, await settings.get(p.uri));
    const stored = validator.get(p.uri);
    return findingContext(p, text, languageId, loaded.ruleSet, stored && open && stored.version === open.doc.version ? stored : undefined);
  });

  connection.onRequest(ScanWorkspaceRequest, (p, token) => scanWorkspace({
    connection,
    folders: () => folders,
    settingsFor: (uri) => settings.get(uri),
    rulesFor,
    isOpen: (uri) => !!documents.get(uri),
    refreshOpen: () => validator.refreshAll(),
    workerScript: path.join(__dirname, 'scanWorker.js'),
  }, p, token, canCreateProgress));

  /** The rule sets of the workspace folders, loaded if needed. */
  const folderRules = async (): Promise<LoadedRules[]> => {
    const roots = folders.length ? folders : [undefined];
    const out: LoadedRules[] = [];
    for (const r of roots) out.push(rules.get(r, await settings.get(r ? pathToUri(r) : undefined)));
    return out;
  };

  connection.onRequest(PacksRequest, async () => packSummaries(await folderRules()));
  connection.onRequest(RulesRequest, async () => {
    const seen = new Map<string, { id: string; title: string; severity: LoadedRules['ruleSet']['rules'][number]['severity'] }>();
    for (const l of await folderRules()) for (const r of l.ruleSet.rules) if (!seen.has(r.id)) seen.set(r.id, { id: r.id, title: r.title, severity: r.severity });
    return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
  });
  connection.onRequest(RuleGuidanceRequest, async (p) => {
    for (const l of await folderRules()) {
      const src = guidanceSource(l.ruleSet, p.ruleId);
      if (src) return { markdown: renderGuidance(src), helpUri: src.helpUri };
    }
    return { markdown: '' };
  });
  connection.onRequest(SuppressionEditRequest, (p) => {
    const d = documents.get(p.uri);
    if (!d) return {};
    return { edit: suppressionEdit(d.doc.getText(), d.languageId, p.ruleId, p.line, p.reason) };
  });

  connection.onShutdown(() => {
    status?.dispose();
    if (reloadTimer) clearTimeout(reloadTimer);
  });
  connection.listen();
}
