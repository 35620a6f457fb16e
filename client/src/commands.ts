// Vigil's commands as a record of factories; each needs the running client and falls back to a message when it is down.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { fileExceptionRequest } from './askForHelp/command';
import {
  PacksRequest, RuleGuidanceRequest, RulesRequest, ScanWorkspaceRequest, SuppressionEditRequest, SuppressFindingArgs,
} from '../../server/src/lsp/protocol';

export interface CommandContext {
  client: LanguageClient;
  output: vscode.OutputChannel;
  restart(): Promise<void>;
}

type Factory = (ctx: CommandContext) => (...args: any[]) => unknown;

function requireRunning(ctx: CommandContext): boolean {
  if (ctx.client.isRunning()) return true;
  void vscode.window.showWarningMessage('The Vigil language server is not running. Run "Vigil: Restart Server".');
  return false;
}

const scanWorkspace: Factory = (ctx) => async () => {
  if (!requireRunning(ctx)) return;
  // No work-done token is passed: the server creates its own progress, which VS Code shows as a
  // cancellable notification with a percentage.
  const r = await ctx.client.sendRequest(ScanWorkspaceRequest, {});
  const skipped = r.filesSkipped.binary + r.filesSkipped.tooLarge + r.filesSkipped.excluded;
  const msg = `Vigil ${r.cancelled ? 'cancelled the scan after' : 'scanned'} ${r.filesScanned} files: ${r.findings} findings`
    + ` (skipped ${skipped}: ${r.filesSkipped.binary} binary, ${r.filesSkipped.tooLarge} too large, ${r.filesSkipped.excluded} excluded).`;
  ctx.output.appendLine(msg);
  const choice = await vscode.window.showInformationMessage(msg, 'Open Problems');
  if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
};

/** The rule under the cursor when a Vigil diagnostic is there. */
function ruleAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const pos = editor.selection.active;
  const d = vscode.languages.getDiagnostics(editor.document.uri)
    .find((x) => x.source === 'vigil' && x.range.contains(pos));
  const code = d?.code;
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object' && typeof code.value === 'string') return code.value;
  return undefined;
}

const showRuleGuidance: Factory = (ctx) => async (ruleIdArg?: unknown) => {
  if (!requireRunning(ctx)) return;
  let ruleId = typeof ruleIdArg === 'string' ? ruleIdArg : ruleAtCursor();
  if (!ruleId) {
    const rules = await ctx.client.sendRequest(RulesRequest, {});
    const pick = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.id, description: r.severity, detail: r.title })),
      { placeHolder: 'Show the guidance of which rule?', matchOnDetail: true },
    );
    ruleId = pick?.label;
  }
  if (!ruleId) return;
  const g = await ctx.client.sendRequest(RuleGuidanceRequest, { ruleId });
  if (!g.markdown) {
    void vscode.window.showWarningMessage(`Vigil has no rule "${ruleId}".`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: g.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
};

const restartServer: Factory = (ctx) => () => ctx.restart();

const showOutput: Factory = (ctx) => () => ctx.output.show(true);

/** Asks for the reason, then lets the server write the comment in the file's syntax and indentation. */
const suppressFinding: Factory = (ctx) => async (args?: SuppressFindingArgs) => {
  if (!requireRunning(ctx)) return;
  if (!args) {
    void vscode.window.showInformationMessage('Use the "Suppress" quick fix on a Vigil finding.');
    return;
  }
  const reason = await vscode.window.showInputBox({
    title: `Suppress ${args.ruleId}`,
    prompt: 'Why is this finding safe to ignore? The reason is kept in the code and shown in audits.',
    validateInput: (v) => (v.trim() ? undefined : 'A reason is required.'),
  });
  if (!reason?.trim()) return;
  let why = reason.trim();
  const how = await vscode.window.showQuickPick(
    [
      { label: 'Suppress', detail: 'Write the vigil-ignore comment with this reason.' },
      { label: 'Request an exception, then suppress', detail: 'File an exception request with the security team (you see what is sent first) and record its reference in the comment.', exception: true },
    ],
    { title: `Suppress ${args.ruleId}` },
  );
  if (!how) return;
  if ('exception' in how) {
    const range = args.range ?? { start: { line: args.line, character: 0 }, end: { line: args.line, character: 0 } };
    const ref = await fileExceptionRequest({ uri: args.uri, range, ruleId: args.ruleId, reason: why });
    if (ref) why = `${why} (exception ${ref})`;
  }
  const { edit } = await ctx.client.sendRequest(SuppressionEditRequest, { uri: args.uri, ruleId: args.ruleId, line: args.line, reason: why });
  if (!edit) {
    void vscode.window.showWarningMessage('This file cannot hold a comment; suppress the rule in .vigil/config.yaml instead.');
    return;
  }
  const we = new vscode.WorkspaceEdit();
  const r = edit.range;
  we.replace(vscode.Uri.parse(args.uri), new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), edit.newText);
  await vscode.workspace.applyEdit(we);
};

const showRulePacks: Factory = (ctx) => async () => {
  if (!requireRunning(ctx)) return;
  const packs = await ctx.client.sendRequest(PacksRequest, {});
  const pick = await vscode.window.showQuickPick(
    packs.map((p) => ({
      label: `${p.errors.length ? '$(error) ' : ''}${p.id}`,
      description: `${p.version} · ${p.ruleCount} rules${p.verification ? ` · ${p.verification}` : ''}`,
      detail: p.errors.length ? p.errors.map((e) => `${e.file}:${e.line ?? ''} ${e.message}`).join('; ') : p.source,
      pack: p,
    })),
    { placeHolder: 'Rule packs loaded by Vigil' },
  );
  if (pick?.pack.errors.length) ctx.output.show(true);
};

/** Every command this file registers; `vigil.askForHelp` is registered by the Ask-for-help flow. */
export const COMMANDS: Record<string, Factory> = {
  'vigil.scanWorkspace': scanWorkspace,
  'vigil.showRuleGuidance': showRuleGuidance,
  'vigil.restartServer': restartServer,
  'vigil.showOutput': showOutput,
  'vigil.suppressFinding': suppressFinding,
  'vigil.showRulePacks': showRulePacks,
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, make]) => {
    const run = make(ctx);
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        ctx.output.appendLine(`${id} failed: ${msg}`);
        void vscode.window.showErrorMessage(`Vigil: ${msg}`);
        return undefined;
      }
    });
  });
}
