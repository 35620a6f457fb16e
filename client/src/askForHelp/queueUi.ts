// The ticket queue in VS Code: retried at activation and every few minutes, and shown by "Show Queued Tickets" (retry, discard).
import * as vscode from 'vscode';
import { externalUri } from './external';
import type { CredentialStore } from './credentials';
import { fileTicket } from './file';
import { createProvider } from './providers';
import type { FileResult } from './providers/types';
import type { DrainOutcome, QueuedTicket, TicketQueue } from './queue';

const RETRY_EVERY_MS = 10 * 60_000;

export class QueueUi implements vscode.Disposable {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly queue: TicketQueue,
    private readonly credentials: CredentialStore,
    private readonly output: vscode.OutputChannel,
  ) {
    // First retry shortly after activation, then on a timer; silent unless something was filed.
    const first = setTimeout(() => void this.retry(undefined, false), 5_000);
    this.timer = setInterval(() => void this.retry(undefined, false), RETRY_EVERY_MS);
    this.disposeFirst = () => clearTimeout(first);
  }
  private readonly disposeFirst: () => void;

  dispose(): void {
    clearInterval(this.timer);
    this.disposeFirst();
  }

  private async sendOne(item: QueuedTicket): Promise<FileResult> {
    const provider = createProvider(item.destination, await this.credentials.get(item.destination));
    return fileTicket(provider, item.ticket);
  }

  /** Retries all (or some) queued tickets; `interactive` reports failures too. */
  async retry(ids: string[] | undefined, interactive: boolean): Promise<DrainOutcome[] | undefined> {
    if (!this.queue.list().length) return [];
    const outcomes = await this.queue.drain((i) => this.sendOne(i), ids);
    if (!outcomes) {
      if (interactive) void vscode.window.showInformationMessage('The ticket queue is being retried already (maybe by another window).');
      return undefined;
    }
    const ok = outcomes.filter((o) => o.result);
    const failed = outcomes.filter((o) => o.error);
    for (const o of ok) this.output.appendLine(`Ask for help: queued ticket ${o.item.ticket.fingerprint} ${o.result!.existing ? 'already existed as' : 'filed as'} ${o.result!.ref}.`);
    for (const o of failed) this.output.appendLine(`Ask for help: queued ticket ${o.item.ticket.fingerprint} still not sent: ${o.error}`);
    if (ok.length) {
      const first = ok[0].result!;
      const msg = `Vigil sent ${ok.length} queued ticket${ok.length === 1 ? '' : 's'} (${ok.map((o) => o.result!.ref).join(', ')}).`;
      void (first.url ? vscode.window.showInformationMessage(msg, 'Open') : vscode.window.showInformationMessage(msg)).then((c) => {
        if (c && first.url) void vscode.env.openExternal(externalUri(first.url));
      });
    }
    if (interactive && failed.length) {
      void vscode.window.showWarningMessage(`${failed.length} ticket${failed.length === 1 ? '' : 's'} still could not be sent: ${failed[0].error}`);
    }
    return outcomes;
  }

  async show(): Promise<void> {
    const items = this.queue.list();
    if (!items.length) {
      void vscode.window.showInformationMessage('No Vigil tickets are waiting to be sent.');
      return;
    }
    const pick = await vscode.window.showQuickPick(
      [
        { label: '$(sync) Retry all', id: undefined as string | undefined },
        ...items.map((i) => ({
          label: i.ticket.title,
          description: `→ ${i.destinationLabel}`,
          detail: `queued ${i.queuedAt.slice(0, 16).replace('T', ' ')} · ${i.attempts} attempt${i.attempts === 1 ? '' : 's'}${i.lastError ? ` · ${i.lastError}` : ''}`,
          id: i.id as string | undefined,
        })),
      ],
      { title: 'Vigil ticket queue', matchOnDetail: true },
    );
    if (!pick) return;
    if (!pick.id) {
      await this.retry(undefined, true);
      return;
    }
    const item = items.find((i) => i.id === pick.id)!;
    const action = await vscode.window.showQuickPick(['Retry', 'Show Ticket', 'Discard'], { title: item.ticket.title });
    if (action === 'Retry') await this.retry([item.id], true);
    if (action === 'Show Ticket') {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `**To:** ${item.destinationLabel}\n\n**Title:** ${item.ticket.title}\n\n---\n\n${item.ticket.body}\n` });
      await vscode.window.showTextDocument(doc, { preview: true });
    }
    if (action === 'Discard') {
      const sure = await vscode.window.showWarningMessage(`Discard "${item.ticket.title}"? It will not be sent.`, { modal: true }, 'Discard');
      if (sure) this.queue.remove(item.id);
    }
  }
}
