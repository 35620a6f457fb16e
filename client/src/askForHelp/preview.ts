// Shows the exact ticket in a read-only Markdown document and asks for consent; nothing is sent before "Send".
import * as vscode from 'vscode';
import type { Ticket } from './providers/types';

export const PREVIEW_SCHEME = 'vigil-ticket-preview';

/** Read-only documents: the preview cannot be edited, so what is shown is what is sent. */
export class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private seq = 0;
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.path) ?? '';
  }

  create(content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/ticket-${++this.seq}.md` });
    this.docs.set(uri.path, content);
    return uri;
  }

  dispose(): void {
    this.docs.clear();
    this.emitter.dispose();
  }
}

export function previewText(ticket: Ticket, destinationLabel: string, reason: string, ignored: string[], browserUrl?: string): string {
  const head = [
    `<!-- Vigil ticket preview: this is exactly what will be sent. Nothing has been sent yet. -->`,
    `**Destination:** ${destinationLabel} (${reason})`,
  ];
  if (ignored.length) head.push(`**Ignored because this workspace is not trusted:** ${ignored.join('; ')}`);
  if (browserUrl) head.push(`**Opens in your browser** (${browserUrl.length} characters${/truncated%20by%20Vigil/.test(browserUrl) ? ', body truncated to fit' : ''}); you submit it there.`);
  return [...head, '', '---', '', `**Title:** ${ticket.title}`, '', '---', '', ticket.body, ''].join('\n');
}

/** Opens the preview beside the editor, then asks a modal question; true only for an explicit "Send". */
export async function confirmSend(
  provider: PreviewProvider,
  content: string,
  ticket: Ticket,
  destinationLabel: string,
  sendLabel: string,
): Promise<boolean> {
  const uri = provider.create(content);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
  const answer = await vscode.window.showWarningMessage(
    `Send this ticket to ${destinationLabel}?`,
    {
      modal: true,
      detail: `Title: ${ticket.title}\n\nThe full body is in the preview beside the editor. Secrets found by Vigil's rules are redacted; check the preview for anything else you do not want to share.`,
    },
    sendLabel,
  );
  return answer === sendLabel;
}
