// Reads vigil.askForHelp.* by layer (user vs workspace) so the destination logic can ignore workspace values when untrusted.
import * as vscode from 'vscode';
import type { HelpSettings } from './destination';

const KEYS: Array<keyof HelpSettings> = ['provider', 'url', 'project', 'labels', 'urlTemplate', 'jiraAuth', 'jiraIssueType'];

export function helpSettingsLayers(scope?: vscode.Uri): { user: HelpSettings; workspace: HelpSettings } {
  const cfg = vscode.workspace.getConfiguration('vigil.askForHelp', scope);
  const user: Record<string, unknown> = {};
  const workspace: Record<string, unknown> = {};
  for (const k of KEYS) {
    const i = cfg.inspect(k);
    if (!i) continue;
    if (i.globalValue !== undefined) user[k] = i.globalValue;
    const w = i.workspaceFolderValue ?? i.workspaceValue;
    if (w !== undefined) workspace[k] = w;
  }
  return { user: user as HelpSettings, workspace: workspace as HelpSettings };
}

/** Lines of context around the finding; a workspace may only lower it when untrusted (less code leaves). */
export function contextLinesSetting(scope?: vscode.Uri): number {
  const i = vscode.workspace.getConfiguration('vigil.askForHelp', scope).inspect<number>('contextLines');
  const user = i?.globalValue ?? i?.defaultValue ?? 5;
  const ws = i?.workspaceFolderValue ?? i?.workspaceValue;
  let n = vscode.workspace.isTrusted ? ws ?? user : Math.min(user, ws ?? user);
  if (typeof n !== 'number' || !Number.isFinite(n)) n = 5;
  return Math.max(0, Math.min(50, Math.floor(n)));
}
