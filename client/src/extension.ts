// Extension entry: starts the Vigil language server, registers the commands, the status items and the pack watcher.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification } from '../../server/src/lsp/protocol';
import { registerAskForHelp } from './askForHelp/command';
import { registerCommands } from './commands';
import { createLanguageClient } from './languageClient';
import { PackWatcher } from './packWatcher';
import { VigilStatus } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Vigil', { log: true });
  context.subscriptions.push(output);
  const lc = createLanguageClient(context, output);
  client = lc;
  const status = new VigilStatus(output);
  context.subscriptions.push(status);

  const restart = async (): Promise<void> => {
    output.appendLine('Restarting the Vigil language server.');
    if (lc.isRunning()) await lc.stop();
    await lc.start();
  };
  context.subscriptions.push(...registerCommands({ client: lc, output, restart }));

  // The Ask-for-help flow (./askForHelp) registers vigil.askForHelp and its tracker/queue commands.
  context.subscriptions.push(...registerAskForHelp(context, lc, output));

  context.subscriptions.push(
    lc.onNotification(StatusNotification, (s) => status.update(s)),
    lc.onDidChangeState((e) => {
      if (e.newState === State.Stopped) status.serverStopped('The language server stopped. Click to restart.');
    }),
    new PackWatcher(lc),
    // Trust decides which workspace settings count (see explicitSettings.ts): make the server re-pull.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (lc.isRunning()) void lc.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    }),
  );

  try {
    await lc.start();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    output.appendLine(`The Vigil language server failed to start: ${msg}`);
    status.serverStopped(msg);
    void vscode.window.showErrorMessage(`Vigil could not start its language server: ${msg}`, 'Show Output')
      .then((c) => c && output.show(true));
  }
}

export async function deactivate(): Promise<void> {
  if (client?.isRunning()) await client.stop();
  client = undefined;
}
