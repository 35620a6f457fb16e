// Tracker credentials in VS Code SecretStorage only, keyed per provider and host; the "set" and "clear" token commands.
import * as vscode from 'vscode';
import { secretKey } from './destination';
import type { Credentials, Destination } from './providers/types';

const INDEX_KEY = 'vigil.askForHelp.storedCredentialKeys';

export class CredentialStore {
  constructor(private readonly context: vscode.ExtensionContext) {}

  async get(dest: Destination): Promise<Credentials> {
    const raw = await this.context.secrets.get(secretKey(dest));
    if (!raw) return {};
    try {
      const c = JSON.parse(raw) as Credentials;
      return { token: c.token, email: c.email };
    } catch {
      return {};
    }
  }

  async set(dest: Destination, creds: Credentials): Promise<void> {
    const key = secretKey(dest);
    await this.context.secrets.store(key, JSON.stringify(creds));
    // SecretStorage cannot list its keys, so remember which ones exist (names only, no secrets).
    const index = new Set(this.context.globalState.get<string[]>(INDEX_KEY, []));
    index.add(key);
    await this.context.globalState.update(INDEX_KEY, [...index]);
  }

  storedKeys(): string[] {
    return this.context.globalState.get<string[]>(INDEX_KEY, []);
  }

  async clear(key: string): Promise<void> {
    await this.context.secrets.delete(key);
    await this.context.globalState.update(INDEX_KEY, this.storedKeys().filter((k) => k !== key));
  }
}

/** Asks for the token (and the Jira Cloud email) for one destination and stores it. */
export async function promptAndStore(store: CredentialStore, dest: Destination, label: string): Promise<boolean> {
  if (dest.provider === 'browser') {
    void vscode.window.showInformationMessage('The browser destination needs no token.');
    return false;
  }
  const jiraCloud = dest.provider === 'jira' && (dest.auth === 'cloud' || (!dest.auth && /\.atlassian\.net/i.test(dest.url ?? '')));
  let email: string | undefined;
  if (jiraCloud) {
    email = await vscode.window.showInputBox({
      title: `Jira Cloud account for ${label}`,
      prompt: 'The email address of the Atlassian account the API token belongs to.',
      ignoreFocusOut: true,
      validateInput: (v) => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? undefined : 'Enter an email address.'),
    });
    if (!email) return false;
  }
  const what = dest.provider === 'webhook' ? 'signing secret (shared with the receiver)' : dest.provider === 'redmine' ? 'API key' : 'token';
  const token = await vscode.window.showInputBox({
    title: `Vigil: ${what} for ${label}`,
    prompt: `Stored in VS Code's secret storage only, and sent only to ${dest.url ?? dest.provider}.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'The value cannot be empty.'),
  });
  if (!token) return false;
  await store.set(dest, { token: token.trim(), email: email?.trim() });
  void vscode.window.showInformationMessage(`Vigil stored the ${what} for ${label}.`);
  return true;
}
