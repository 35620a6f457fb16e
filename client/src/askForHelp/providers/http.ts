// The one HTTP transport every tracker provider uses: HTTPS-only (loopback excepted), timeouts, retries with backoff, clear errors.
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';

export type TrackerErrorKind =
  | 'auth' // 401/403: the token is wrong, expired or lacks rights
  | 'notFound' // 404: the project/repository does not exist or the token cannot see it
  | 'validation' // 400/422: the tracker refused the ticket's fields
  | 'server' // 5xx
  | 'http' // any other unexpected status
  | 'network' // unreachable: refused, DNS, reset
  | 'timeout'
  | 'insecure' // a non-loopback http:// URL
  | 'config'; // the destination lacks something (url, project, token)

/** An error whose message can be shown to the user as is: it never contains a token or a request header. */
export class TrackerError extends Error {
  constructor(
    readonly kind: TrackerErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TrackerError';
  }
  /** Worth retrying later without the user changing anything. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server';
  }
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Sent as is (already serialized), so a signature computed over it matches the bytes on the wire. */
  body?: string;
  timeoutMs?: number;
  /** Extra attempts after network errors, timeouts and 5xx. Only idempotent requests should set this. */
  retries?: number;
  /** First backoff delay; doubles each attempt. */
  backoffMs?: number;
  /** Name of the tracker for error messages, e.g. "Redmine". */
  service?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed JSON body, or undefined when it is not JSON. */
  json: unknown;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Parses and checks a tracker URL: https anywhere, http only to loopback, no credentials inside. */
export function checkUrl(raw: string, service = 'tracker'): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TrackerError('config', `The ${service} URL is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (u.username || u.password) {
    throw new TrackerError('config', `The ${service} URL must not contain a user name or password; store the token with "Vigil: Set Ticket Tracker Token".`);
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && isLoopbackHost(u.hostname)) return u;
  if (u.protocol === 'http:') {
    throw new TrackerError('insecure', `Refusing to send code to ${u.host} over plain HTTP; use an https:// URL (http is allowed only for loopback).`);
  }
  throw new TrackerError('config', `The ${service} URL must use https:// (got ${u.protocol}).`);
}

/** Joins a base URL (which may carry a path such as /api/v3 or /redmine) and a path. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path.startsWith('/') ? path : '/' + path);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One request with retries; resolves with any HTTP status < 400, rejects with a TrackerError otherwise. */
export async function request(req: HttpRequest): Promise<HttpResponse> {
  const service = req.service ?? 'The tracker';
  const url = checkUrl(req.url, service);
  const retries = req.retries ?? 0;
  const backoff = req.backoffMs ?? 500;
  let lastError: TrackerError | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoff * 2 ** (attempt - 1));
    try {
      const res = await once(url, req);
      if (res.status >= 300 && res.status < 400) {
        // Redirects are not followed: that would resend the token to wherever the server points.
        const to = typeof res.headers.location === 'string' ? ` to ${res.headers.location.replace(/[?#].*$/, '')}` : '';
        throw new TrackerError('http', `${service}: the server redirected (HTTP ${res.status})${to}; set the URL to the final address.`, res.status);
      }
      if (res.status < 400) return res;
      throw statusError(service, req, res);
    } catch (e) {
      lastError = e instanceof TrackerError ? e : new TrackerError('network', `${service} could not be reached: ${(e as Error).message}`);
      if (!lastError.retryable) throw lastError;
    }
  }
  throw lastError!;
}

function statusError(service: string, req: HttpRequest, res: HttpResponse): TrackerError {
  const where = `${req.method} ${new URL(req.url).host}${new URL(req.url).pathname}`;
  const detail = serverMessage(res);
  const s = res.status;
  if (s === 401 || s === 403) {
    return new TrackerError('auth', `${service}: authentication failed (HTTP ${s}). Check the token with "Vigil: Set Ticket Tracker Token" and its rights on the project.${detail ? ' ' + detail : ''}`, s);
  }
  if (s === 404) return new TrackerError('notFound', `${service}: project or repository not found (HTTP 404 for ${where}). Check the URL and project settings, and that the token can see it.`, s);
  if (s === 400 || s === 422) return new TrackerError('validation', `${service}: the ticket was rejected (HTTP ${s})${detail ? ': ' + detail : '.'}`, s);
  if (s >= 500) return new TrackerError('server', `${service}: server error (HTTP ${s})${detail ? ': ' + detail : '.'}`, s);
  return new TrackerError('http', `${service}: unexpected HTTP ${s} for ${where}${detail ? ': ' + detail : '.'}`, s);
}

/** The tracker's own explanation, from the usual error shapes (Redmine, GitHub, GitLab, Jira), kept short. */
function serverMessage(res: HttpResponse): string {
  const j = res.json as Record<string, unknown> | undefined;
  const parts: string[] = [];
  if (j && typeof j === 'object') {
    if (typeof j.message === 'string') parts.push(j.message);
    if (Array.isArray(j.errors)) parts.push(...j.errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))));
    else if (j.errors && typeof j.errors === 'object') parts.push(JSON.stringify(j.errors));
    if (Array.isArray(j.errorMessages)) parts.push(...j.errorMessages.map(String));
    if (typeof j.error === 'string') parts.push(j.error);
  } else if (res.text && !/^\s*</.test(res.text)) {
    parts.push(res.text.trim());
  }
  const msg = parts.join('; ');
  return msg.length > 500 ? msg.slice(0, 500) + '…' : msg;
}

function once(url: URL, req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const service = req.service ?? 'The tracker';
  const headers: Record<string, string> = { 'User-Agent': 'vigil-vscode', ...req.headers };
  if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let r: http.ClientRequest | undefined;
    const finish = (err: Error | undefined, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        r?.destroy();
        reject(err);
      } else resolve(res!);
    };
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) finish(new TrackerError('http', `${service} sent an oversized answer.`));
        else chunks.push(c);
      });
      res.on('error', (e) => finish(networkError(service, url, e)));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    };
    try {
      r = mod.request(url, { method: req.method, headers }, onResponse);
    } catch (e) {
      // Node refuses header values with control characters before anything is sent (a pasted token with a newline).
      const code = (e as NodeJS.ErrnoException).code;
      reject(code === 'ERR_INVALID_CHAR' ? new TrackerError('config', `${service}: the stored token contains characters that cannot be sent; set it again.`) : e);
      return;
    }
    // One deadline for the whole exchange (connect + send + response), not only socket idleness.
    timer = setTimeout(() => {
      finish(new TrackerError('timeout', `${service} did not answer within ${Math.round(timeoutMs / 100) / 10} s (${url.host}).`));
    }, timeoutMs);
    r.on('error', (e) => finish(networkError(service, url, e)));
    r.end(req.body);
  });
}

function networkError(service: string, url: URL, e: NodeJS.ErrnoException): TrackerError {
  const code = e.code ? ` (${e.code})` : '';
  const why =
    e.code === 'ECONNREFUSED' ? 'the connection was refused'
    : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'the host name could not be resolved'
    : e.code === 'ECONNRESET' ? 'the connection was reset'
    : e.message;
  return new TrackerError('network', `${service} is unreachable at ${url.host}: ${why}${code}.`);
}
