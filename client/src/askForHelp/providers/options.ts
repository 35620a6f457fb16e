// Transport knobs shared by the providers (tests shorten them; the extension uses the defaults).
export interface TransportOptions {
  timeoutMs?: number;
  /** Extra attempts for idempotent requests (searches). Creation is retried by the filing loop instead. */
  retries?: number;
  backoffMs?: number;
}
