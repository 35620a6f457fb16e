// Generic webhook provider: one JSON POST signed with HMAC-SHA256 over the raw body (X-Vigil-Signature: sha256=<hex>).
import { createHmac } from 'node:crypto';
import { TrackerError, checkUrl, request } from './http';
import type { Credentials, Destination, Provider, Ticket } from './types';
import type { TransportOptions } from './options';

export const SIGNATURE_HEADER = 'X-Vigil-Signature';

export function sign(rawBody: string, secret: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

/** The JSON document a webhook receives (documented in docs/askForHelp.md). */
export function webhookPayload(ticket: Ticket): Record<string, unknown> {
  return {
    type: 'vigil.ticket',
    version: 1,
    kind: ticket.kind,
    urgency: ticket.urgency,
    title: ticket.title,
    body: ticket.body,
    fingerprint: ticket.fingerprint,
    labels: ticket.labels,
    context: ticket.context,
  };
}

export function webhookProvider(dest: Destination, creds: Credentials, opts: TransportOptions = {}): Provider {
  if (!dest.url) throw new TrackerError('config', 'Webhook: set the URL (vigil.askForHelp.url).');
  const url = checkUrl(dest.url, 'The webhook').toString();
  return {
    label: `webhook ${new URL(url).host}`,
    // A webhook has no search API; the receiver gets the fingerprint and may dedupe on it.
    async findExisting() {
      return undefined;
    },
    async create(ticket: Ticket) {
      if (!creds.token) throw new TrackerError('config', 'Webhook: no signing secret is stored. Run "Vigil: Set Ticket Tracker Token".');
      const body = JSON.stringify(webhookPayload(ticket));
      const res = await request({
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: sign(body, creds.token) },
        body,
        service: 'The webhook',
        ...opts,
        retries: 0,
      });
      // Receivers may answer with where the ticket went; otherwise the fingerprint is the reference.
      const j = res.json as { id?: unknown; ref?: unknown; url?: unknown } | undefined;
      const ref = typeof j?.ref === 'string' ? j.ref : typeof j?.id === 'string' || typeof j?.id === 'number' ? String(j.id) : `vigil-${ticket.fingerprint}`;
      const link = typeof j?.url === 'string' && /^https?:\/\//.test(j.url) ? j.url : undefined;
      return { ref, url: link };
    },
  };
}
