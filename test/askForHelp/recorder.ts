// Test helper: a loopback HTTP server that records every request and answers from a per-test script, standing in for a tracker's network edge.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface Recorded {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body bytes as text, exactly as received (what a signature is computed over). */
  raw: string;
  json: any;
}

/** What to answer: a status and JSON, or `hang` to never answer (timeouts). */
export interface Reply {
  status?: number;
  json?: unknown;
  hang?: boolean;
  headers?: Record<string, string>;
}

export type Handler = (req: Recorded) => Reply;

export class Recorder {
  readonly requests: Recorded[] = [];
  handler: Handler = () => ({ status: 404, json: { message: 'no handler' } });
  private server!: Server;
  private readonly hanging = new Set<import('node:http').ServerResponse>();
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const u = new URL(req.url ?? '/', 'http://x');
        let json: unknown;
        try {
          json = raw ? JSON.parse(raw) : undefined;
        } catch {
          json = undefined;
        }
        const rec: Recorded = { method: req.method ?? '', url: req.url ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, raw, json };
        this.requests.push(rec);
        const reply = this.handler(rec);
        if (reply.hang) {
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        const body = reply.json === undefined ? '' : JSON.stringify(reply.json);
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers });
        res.end(body);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  reset(handler: Handler): void {
    this.requests.length = 0;
    this.handler = handler;
  }

  async stop(): Promise<void> {
    for (const r of this.hanging) r.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
