// Client settings middleware: answers the server's workspace/configuration pulls with only the values a user set.
//
// The server layers settings as: its defaults < `.vigil/config.yaml` < what the user set. VS Code's
// getConfiguration() cannot tell a default from a chosen value, so we read each key with inspect()
// and send only the explicit ones. In an untrusted workspace the restricted settings are taken
// from the user's own settings only, so a cloned repository cannot point the server at its code.
import * as vscode from 'vscode';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { RESTRICTED_SETTINGS } from './restrictedSettings';


export function explicitSettings(scopeUri: string | undefined): Record<string, unknown> {
  const scope = scopeUri ? vscode.Uri.parse(scopeUri) : undefined;
  const cfg = vscode.workspace.getConfiguration('vigil', scope);
  const trusted = vscode.workspace.isTrusted;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const i = cfg.inspect(key);
    if (!i) continue;
    const value = trusted || !RESTRICTED_SETTINGS.includes(key)
      ? i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue
      : i.globalValue;
    if (value !== undefined) out[key] = value;
  }
  return out;
}
