// The Ask-for-help commands in VS Code: gather the redacted context, pick kind/urgency/description, preview, confirm, file or queue.
import { sep } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FindingContextRequest, PacksRequest, type AskForHelpArgs, type FindingContextResult } from '../../../server/src/lsp/protocol';
import { CredentialStore, promptAndStore } from './credentials';
import { browserTarget, readWorkspaceHelp, resolveDestination, type ResolvedDestination } from './destination';
import { externalUri } from './external';
import { fileTicket } from './file';
import { gitInfo, relativePath } from './git';
import { PREVIEW_SCHEME, PreviewProvider, confirmSend, previewText } from './preview';
import { browserNewIssueUrl } from './providers/browser';
import { TrackerError, createProvider } from './providers';
import type { Destination, FileResult, Ticket, TicketKind, Urgency } from './providers/types';
import { TicketQueue } from './queue';
import { QueueUi } from './queueUi';
import { contextLinesSetting, helpSettingsLayers } from './settings';
import { KIND_DETAILS, KIND_LABELS, URGENCIES, composeTicket } from './ticket';

export interface AskResult extends Partial<FileResult> {
  /** The ticket could not be sent and waits in the queue. */
  queued?: boolean;
  /** Opened as a prefilled page in the browser; no reference is known. */
  browser?: boolean;
}

interface State {
  context: vscode.ExtensionContext;
  client: LanguageClient;
  output: vscode.OutputChannel;
  credentials: CredentialStore;
  queue: TicketQueue;
  preview: PreviewProvider;
}
let state: State | undefined;

export function registerAskForHelp(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): vscode.Disposable[] {
  const credentials = new CredentialStore(context);
  const queue = new TicketQueue(context.globalStorageUri.fsPath);
  const preview = new PreviewProvider();
  state = { context, client, output, credentials, queue, preview };
  const queueUi = new QueueUi(queue, credentials, output);
  return [
    preview,
    queueUi,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
    vscode.commands.registerCommand('vigil.askForHelp', (args?: AskForHelpArgs) => askForHelp(args)),
    vscode.commands.registerCommand('vigil.setTrackerToken', () => setTrackerToken()),
    vscode.commands.registerCommand('vigil.clearTrackerToken', () => clearTrackerToken()),
    vscode.commands.registerCommand('vigil.showTicketQueue', () => queueUi.show()),
    { dispose: () => (state = undefined) },
  ];
}

/**
 * For the suppress flow: files an exception request about one finding (with the same preview and
 * consent as Ask for Help) and returns the reference to record in the comment, e.g. `#12` or
 * `SEC-123`, so the comment reads `vigil-ignore <id> -- <reason> (<ref>)`. Pass the finding's
 * `range`, or just its 0-based `line` (as SuppressFindingArgs has). Returns undefined when the
 * user cancelled, the ticket was queued, or it went to the browser (no reference is known then).
 */
export async function fileExceptionRequest(args: {
  uri: string;
  ruleId: string;
  reason: string;
  range?: AskForHelpArgs['range'];
  line?: number;
}): Promise<string | undefined> {
  const line = args.line ?? args.range?.start.line ?? 0;
  // A whole-line range: the server picks the finding that intersects it, whatever its column.
  const range = args.range ?? { start: { line, character: 0 }, end: { line, character: 10_000 } };
  const r = await askForHelp({ uri: args.uri, range, ruleId: args.ruleId }, { kind: 'exception', description: args.reason, exceptionReason: args.reason });
  return r?.ref;
}

interface Preset {
  kind?: TicketKind;
  description?: string;
  exceptionReason?: string;
}

async function askForHelp(args?: AskForHelpArgs, preset: Preset = {}): Promise<AskResult | undefined> {
  const s = state;
  if (!s) return undefined;
  if (!s.client.isRunning()) {
    void vscode.window.showWarningMessage('The Vigil language server is not running. Run "Vigil: Restart Server".');
    return undefined;
  }
  const target = targetOf(args);
  if (!target) {
    void vscode.window.showInformationMessage('Open a file (and optionally select code) to ask for help about it.');
    return undefined;
  }
  const contextLines = contextLinesSetting(target.uri);
  let ctx: FindingContextResult;
  try {
    ctx = await s.client.sendRequest(FindingContextRequest, { uri: target.uri.toString(), range: target.range, contextLines });
  } catch (e) {
    void vscode.window.showErrorMessage(`Vigil could not get the code context: ${(e as Error).message}`);
    return undefined;
  }
  const resolved = await destinationFor(s, target.uri, ctx);

  const kind = preset.kind ?? (await pickKind(ctx.finding ? 'vulnerability' : 'question'));
  if (!kind) return undefined;
  const urgency = await pickUrgency(ctx.finding?.severity);
  if (!urgency) return undefined;
  const description = await vscode.window.showInputBox({
    title: `${KIND_LABELS[kind]}: describe it for the security team`,
    prompt: 'What worries you, what you tried, what you need. Do not paste secrets.',
    value: preset.description ?? '',
    ignoreFocusOut: true,
    validateInput: (v) => (kind === 'exception' && !v.trim() ? 'Say why this finding is acceptable.' : undefined),
  });
  if (description === undefined) return undefined;

  const filePath = target.uri.scheme === 'file' ? target.uri.fsPath : undefined;
  const git = filePath ? await gitInfo(filePath) : {};
  const folder = vscode.workspace.getWorkspaceFolder(target.uri)?.uri.fsPath;
  const focus = focusLines(target, ctx);
  const ticket = composeTicket({
    kind,
    urgency,
    description,
    exceptionReason: preset.exceptionReason,
    finding: ctx.finding,
    relPath: filePath ? relativePath(git.root ?? folder, filePath) : target.uri.toString(),
    languageId: ctx.languageId,
    startLine: ctx.startLine,
    endLine: ctx.endLine,
    focusStart: focus?.[0],
    focusEnd: focus?.[1],
    snippet: ctx.snippet,
    redactionCount: ctx.redactions.length,
    git,
    versions: { extension: String(s.context.extension.packageJSON.version ?? ''), vscode: vscode.version },
    labels: resolved.destination.labels,
  });
  return send(s, ticket, resolved, git.remote);
}

async function send(s: State, ticket: Ticket, resolved: ResolvedDestination, remote: string | undefined): Promise<AskResult | undefined> {
  const dest = resolved.destination;
  if (dest.provider === 'browser') {
    const bt = browserTarget(dest, remote, vscode.workspace.isTrusted);
    if (bt.ignored) resolved = { ...resolved, ignored: [...resolved.ignored, bt.ignored] };
    let url: string;
    try {
      url = browserNewIssueUrl(ticket.title, ticket.body, bt.target);
    } catch (e) {
      // No page to prefill: still let the user see the ticket and take it somewhere by hand.
      const content = previewText(ticket, 'nowhere yet', resolved.reason, resolved.ignored);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(s.preview.create(content)), { viewColumn: vscode.ViewColumn.Beside });
      const c = await vscode.window.showWarningMessage(`${(e as Error).message}`, 'Copy Ticket', 'Open Settings');
      if (c === 'Copy Ticket') await vscode.env.clipboard.writeText(`${ticket.title}\n\n${ticket.body}`);
      if (c === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'vigil.askForHelp');
      return undefined;
    }
    const label = `your browser (${new URL(url).host})`;
    if (!(await confirmSend(s.preview, previewText(ticket, label, resolved.reason, resolved.ignored, url), ticket, label, 'Open in Browser'))) return undefined;
    await vscode.env.openExternal(externalUri(url));
    return { browser: true };
  }

  let provider;
  try {
    provider = createProvider(dest, await s.credentials.get(dest));
  } catch (e) {
    void vscode.window.showErrorMessage(`Vigil cannot send to ${dest.provider}: ${(e as Error).message}`);
    return undefined;
  }
  if (!(await confirmSend(s.preview, previewText(ticket, provider.label, resolved.reason, resolved.ignored), ticket, provider.label, 'Send'))) return undefined;

  if (!(await s.credentials.get(dest)).token) {
    if (!(await promptAndStore(s.credentials, dest, provider.label))) {
      s.queue.enqueue(ticket, dest, provider.label, 'No token stored');
      void vscode.window.showWarningMessage('No token was given; the ticket is queued. Set the token, then retry from "Vigil: Show Queued Tickets".');
      return { queued: true };
    }
    provider = createProvider(dest, await s.credentials.get(dest));
  }
  try {
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Sending the ticket to ${provider.label}…` },
      () => fileTicket(provider, ticket),
    );
    s.output.appendLine(`Ask for help: ${r.existing ? 'found existing' : 'filed'} ${r.ref} at ${provider.label} (fingerprint ${ticket.fingerprint}).`);
    // Notifications render markdown links, so the ticket reference itself is clickable (and "Open" opens it too).
    const ref = r.url ? `[${r.ref}](${r.url})` : r.ref;
    const msg = r.existing ? `An open ticket for this already exists: ${ref}. No duplicate was filed.` : `Vigil filed ticket ${ref} at ${provider.label}.`;
    void (r.url ? vscode.window.showInformationMessage(msg, 'Open') : vscode.window.showInformationMessage(msg)).then((c) => {
      if (c === 'Open' && r.url) void vscode.env.openExternal(externalUri(r.url));
    });
    return r;
  } catch (e) {
    const message = e instanceof TrackerError ? e.message : String(e);
    s.queue.enqueue(ticket, dest, provider.label, message);
    s.output.appendLine(`Ask for help: queued ticket ${ticket.fingerprint} for ${provider.label}: ${message}`);
    void vscode.window.showWarningMessage(`${message} The ticket is saved in the queue and will be retried.`, 'Show Queue').then((c) => {
      if (c) void vscode.commands.executeCommand('vigil.showTicketQueue');
    });
    return { queued: true };
  }
}

function targetOf(args?: AskForHelpArgs): { uri: vscode.Uri; range?: AskForHelpArgs['range']; explicit: boolean } | undefined {
  if (args?.uri) return { uri: vscode.Uri.parse(args.uri), range: args.range, explicit: true };
  const ed = vscode.window.activeTextEditor;
  if (!ed) return undefined;
  const sel = ed.selection;
  // An empty selection still carries the cursor: the server picks a finding under it, or the whole file.
  return {
    uri: ed.document.uri,
    range: { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } },
    explicit: !sel.isEmpty,
  };
}

/** The lines the ticket is about: the finding's diagnostic, the selection, or none (whole file). */
function focusLines(target: NonNullable<ReturnType<typeof targetOf>>, ctx: FindingContextResult): [number, number] | undefined {
  const r = target.range;
  if (ctx.finding && r) {
    const d = vscode.languages
      .getDiagnostics(target.uri)
      .find((x) => x.source === 'vigil' && codeOf(x) === ctx.finding!.ruleId && x.range.start.line <= r.end.line && x.range.end.line >= r.start.line);
    if (d) return [d.range.start.line, d.range.end.line];
    return [r.start.line, r.end.line];
  }
  if (target.explicit && r) return [r.start.line, r.end.character === 0 && r.end.line > r.start.line ? r.end.line - 1 : r.end.line];
  return undefined;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

async function destinationFor(s: State, uri: vscode.Uri, ctx: FindingContextResult): Promise<ResolvedDestination> {
  const trusted = vscode.workspace.isTrusted;
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  let pack: { id?: string; help?: Destination; builtin: boolean } | undefined;
  if (ctx.finding?.help) {
    let builtin = false;
    try {
      const packs = await s.client.sendRequest(PacksRequest, {});
      const same = packs.filter((x) => x.id === ctx.finding!.packId);
      // Built-in packs ship inside the extension; anything else may come from the workspace. Every
      // pack with that id must be built in, so a workspace pack cannot borrow a built-in pack's id.
      const rulesDir = vscode.Uri.joinPath(s.context.extensionUri, 'rules').fsPath + sep;
      builtin = same.length > 0 && same.every((p) => p.source.startsWith(rulesDir));
    } catch {
      builtin = false;
    }
    pack = { id: ctx.finding.packId, help: ctx.finding.help as Destination, builtin };
  }
  const layers = helpSettingsLayers(uri);
  return resolveDestination({
    trusted,
    pack,
    workspaceConfig: folder && trusted ? readWorkspaceHelp(folder) : undefined,
    userSettings: layers.user,
    workspaceSettings: layers.workspace,
  });
}

async function pickKind(preferred: TicketKind): Promise<TicketKind | undefined> {
  const kinds: TicketKind[] = ['question', 'vulnerability', 'review', 'exception'];
  const items = kinds.map((k) => ({ label: KIND_LABELS[k], detail: KIND_DETAILS[k], ticketKind: k, picked: k === preferred }));
  items.sort((a, b) => Number(b.picked) - Number(a.picked));
  return (await vscode.window.showQuickPick(items, { title: 'Ask for help: what kind of request?', ignoreFocusOut: true }))?.ticketKind;
}

async function pickUrgency(severity: string | undefined): Promise<Urgency | undefined> {
  const suggested: Urgency = severity === 'critical' ? 'high' : 'normal';
  const items = URGENCIES.map((u) => ({ label: u, description: u === suggested ? 'suggested' : undefined, u }));
  items.sort((a, b) => Number(b.u === suggested) - Number(a.u === suggested));
  return (await vscode.window.showQuickPick(items, { title: 'How urgent is it?', ignoreFocusOut: true }))?.u;
}

async function setTrackerToken(): Promise<void> {
  const s = state;
  if (!s) return;
  const candidates = destinationCandidates(s);
  const pick = await vscode.window.showQuickPick(
    [...candidates.map((c) => ({ label: c.label, dest: c.dest as Destination | undefined })), { label: 'Another destination…', dest: undefined }],
    { title: 'Set the token for which destination?' },
  );
  if (!pick) return;
  let dest = pick.dest;
  if (!dest) {
    const provider = await vscode.window.showQuickPick(['redmine', 'github', 'gitlab', 'jira', 'webhook'], { title: 'Provider' });
    if (!provider) return;
    const url = await vscode.window.showInputBox({ title: 'Server or webhook URL (https://…)', prompt: 'Leave empty for github.com / gitlab.com.' });
    if (url === undefined) return;
    dest = { provider: provider as Destination['provider'], url: url.trim() || undefined };
  }
  await promptAndStore(s.credentials, dest, pick.dest ? pick.label : `${dest.provider} ${dest.url ?? ''}`.trim());
}

/** Destinations the user might need a token for: the one settings choose, and those of queued tickets. */
function destinationCandidates(s: State): Array<{ label: string; dest: Destination }> {
  // The active file's folder, else the first folder: the token can be set before any file is open.
  const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const folder = uri && vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const layers = helpSettingsLayers(uri);
  const trusted = vscode.workspace.isTrusted;
  const r = resolveDestination({ trusted, workspaceConfig: folder && trusted ? readWorkspaceHelp(folder) : undefined, userSettings: layers.user, workspaceSettings: layers.workspace });
  const out: Array<{ label: string; dest: Destination }> = [];
  const seen = new Set<string>();
  const add = (dest: Destination, label: string) => {
    const k = `${dest.provider} ${dest.url ?? ''}`;
    if (dest.provider === 'browser' || seen.has(k)) return;
    seen.add(k);
    out.push({ label, dest });
  };
  add(r.destination, `${r.destination.provider} ${r.destination.url ?? ''} (${r.reason})`);
  for (const q of s.queue.list()) add(q.destination, `${q.destinationLabel} (queued ticket)`);
  return out;
}

async function clearTrackerToken(): Promise<void> {
  const s = state;
  if (!s) return;
  const keys = s.credentials.storedKeys();
  if (!keys.length) {
    void vscode.window.showInformationMessage('Vigil has no stored tracker tokens.');
    return;
  }
  const picks = await vscode.window.showQuickPick(
    keys.map((k) => ({ label: k.replace(/^vigil\.askForHelp\.credentials\//, ''), key: k })),
    { title: 'Clear which stored tokens?', canPickMany: true },
  );
  if (!picks?.length) return;
  for (const p of picks) await s.credentials.clear(p.key);
  void vscode.window.showInformationMessage(`Vigil cleared ${picks.length} stored token${picks.length === 1 ? '' : 's'}.`);
}
