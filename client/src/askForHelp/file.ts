// Files one ticket exactly once: look for an open ticket with the same fingerprint before every attempt, back off on transient errors.
import { TrackerError } from './providers/http';
import type { FileResult, Provider, Ticket } from './providers/types';

export interface FileOptions {
  /** Total creation attempts (default 3). */
  attempts?: number;
  /** First backoff delay in ms, doubled per attempt (default 1000). */
  backoffMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The duplicate check runs before each attempt, not once: a POST that timed out may still have
 * created the ticket, and a blind retry would file it twice. Creation itself is never retried by the
 * transport for the same reason.
 */
export async function fileTicket(provider: Provider, ticket: Ticket, opts: FileOptions = {}): Promise<FileResult> {
  const attempts = Math.max(1, opts.attempts ?? 3);
  const backoff = opts.backoffMs ?? 1000;
  let last: TrackerError | undefined;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await sleep(backoff * 2 ** (i - 1));
    try {
      const existing = await provider.findExisting(ticket);
      if (existing) return { ...existing, existing: true };
      const created = await provider.create(ticket);
      return { ...created, existing: false };
    } catch (e) {
      last = e instanceof TrackerError ? e : new TrackerError('network', (e as Error).message);
      if (!last.retryable) throw last;
    }
  }
  throw last!;
}
