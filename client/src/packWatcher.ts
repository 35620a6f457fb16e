// Watches `.vigil/**` in every workspace folder and each configured pack path, and forwards changes to the server.
//
// The server reloads rules on workspace/didChangeWatchedFiles. Pack paths come from settings and can
// change at run time, so the watchers are rebuilt when `vigil.packs` changes.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, type LanguageClient } from 'vscode-languageclient/node';

export class PackWatcher implements vscode.Disposable {
  private watchers: vscode.FileSystemWatcher[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.rebuild();
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('vigil.packs')) this.rebuild();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
    );
  }

  private patterns(): vscode.GlobPattern[] {
    const out: vscode.GlobPattern[] = ['**/.vigil/**'];
    for (const folder of vscode.workspace.workspaceFolders ?? [folderless()]) {
      const packs = vscode.workspace.getConfiguration('vigil', folder?.uri).get<string[]>('packs') ?? [];
      for (const p of packs) {
        if (/^[a-z]+:\/\//i.test(p)) continue; // URLs are fetched explicitly, not watched.
        const abs = path.isAbsolute(p) || !folder ? p : path.join(folder.uri.fsPath, p);
        out.push(new vscode.RelativePattern(vscode.Uri.file(abs), '**'));
        // A pack may be a single file; watch it through its parent folder too.
        out.push(new vscode.RelativePattern(vscode.Uri.file(path.dirname(abs)), path.basename(abs)));
      }
    }
    return out;
  }

  private rebuild(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.patterns().map((p) => {
      const w = vscode.workspace.createFileSystemWatcher(p);
      w.onDidCreate((uri) => this.send(uri, FileChangeType.Created));
      w.onDidChange((uri) => this.send(uri, FileChangeType.Changed));
      w.onDidDelete((uri) => this.send(uri, FileChangeType.Deleted));
      return w;
    });
  }

  private send(uri: vscode.Uri, type: FileChangeType): void {
    if (!this.client.isRunning()) return;
    void this.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri.toString(), type }] });
  }

  dispose(): void {
    for (const w of this.watchers) w.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function folderless(): undefined {
  return undefined;
}
