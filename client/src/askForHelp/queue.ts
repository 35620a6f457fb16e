// Persistent outbox of tickets that could not be sent: a JSON file in the extension's global storage, drained exactly once. No vscode.
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, closeSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Destination, FileResult, Ticket } from './providers/types';

export interface QueuedTicket {
  id: string;
  ticket: Ticket;
  /** Where it was confirmed to go; never holds a token (credentials are looked up at send time). */
  destination: Destination;
  /** Label shown to the user when they confirmed. */
  destinationLabel: string;
  queuedAt: string;
  attempts: number;
  lastError?: string;
  lastAttemptAt?: string;
}

export interface DrainOutcome {
  item: QueuedTicket;
  result?: FileResult;
  error?: string;
}

interface QueueFile {
  version: 1;
  items: QueuedTicket[];
}

const STALE_LOCK_MS = 5 * 60_000;

/**
 * Several VS Code windows share the global storage folder, so a lock file serializes draining
 * across processes; together with the duplicate check before every filing this keeps each
 * ticket filed once.
 */
export class TicketQueue {
  private readonly file: string;
  private readonly lockFile: string;
  private draining = false;

  constructor(private readonly folder: string) {
    this.file = join(folder, 'ask-for-help-queue.json');
    this.lockFile = this.file + '.lock';
  }

  list(): QueuedTicket[] {
    return this.read().items;
  }

  enqueue(ticket: Ticket, destination: Destination, destinationLabel: string, error?: string): QueuedTicket {
    const item: QueuedTicket = {
      id: randomUUID(),
      ticket,
      destination,
      destinationLabel,
      queuedAt: new Date().toISOString(),
      attempts: error ? 1 : 0,
      lastError: error,
    };
    this.update((q) => {
      // The same ticket to the same place is queued once; a second "send" while offline is a no-op.
      const same = q.items.find((i) => i.ticket.fingerprint === ticket.fingerprint && sameDestination(i.destination, destination));
      if (same) {
        same.lastError = error ?? same.lastError;
        return;
      }
      q.items.push(item);
    });
    return this.list().find((i) => i.ticket.fingerprint === ticket.fingerprint && sameDestination(i.destination, destination)) ?? item;
  }

  remove(id: string): boolean {
    let found = false;
    this.update((q) => {
      const n = q.items.length;
      q.items = q.items.filter((i) => i.id !== id);
      found = q.items.length !== n;
    });
    return found;
  }

  /**
   * Tries every queued ticket (or only `ids`) with `send`. A ticket leaves the queue only after the
   * tracker confirmed it (filed now, or found already filed). Returns undefined when another drain
   * (in this or another window) is running.
   */
  async drain(send: (item: QueuedTicket) => Promise<FileResult>, ids?: string[]): Promise<DrainOutcome[] | undefined> {
    if (this.draining || !this.lock()) return undefined;
    this.draining = true;
    const outcomes: DrainOutcome[] = [];
    try {
      for (const item of this.list()) {
        if (ids && !ids.includes(item.id)) continue;
        try {
          const result = await send(item);
          this.remove(item.id);
          outcomes.push({ item, result });
        } catch (e) {
          const error = (e as Error).message;
          this.update((q) => {
            const it = q.items.find((i) => i.id === item.id);
            if (it) {
              it.attempts++;
              it.lastError = error;
              it.lastAttemptAt = new Date().toISOString();
            }
          });
          outcomes.push({ item, error });
        }
      }
    } finally {
      this.draining = false;
      this.unlock();
    }
    return outcomes;
  }

  private read(): QueueFile {
    try {
      const q = JSON.parse(readFileSync(this.file, 'utf8')) as QueueFile;
      if (q && q.version === 1 && Array.isArray(q.items)) return q;
    } catch {
      // Absent (nothing queued yet) or unreadable; an unreadable file is kept aside below on write.
    }
    return { version: 1, items: [] };
  }

  private update(fn: (q: QueueFile) => void): void {
    const q = this.read();
    fn(q);
    mkdirSync(this.folder, { recursive: true });
    // Write-then-rename: a crash mid-write never leaves a truncated queue behind.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(q, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  private lock(): boolean {
    mkdirSync(this.folder, { recursive: true });
    try {
      closeSync(openSync(this.lockFile, 'wx'));
      return true;
    } catch {
      try {
        // A window that died while draining leaves its lock; take it over after a while.
        if (Date.now() - statSync(this.lockFile).mtimeMs > STALE_LOCK_MS) {
          unlinkSync(this.lockFile);
          closeSync(openSync(this.lockFile, 'wx'));
          return true;
        }
      } catch {
        // Lost a race with another window: it drains.
      }
      return false;
    }
  }

  private unlock(): void {
    try {
      unlinkSync(this.lockFile);
    } catch {
      // Already gone.
    }
  }
}

function sameDestination(a: Destination, b: Destination): boolean {
  return a.provider === b.provider && (a.url ?? '') === (b.url ?? '') && (a.project ?? '') === (b.project ?? '');
}
