// Sends `vigil/status`: on start, after (re)loading rules, and after scans at most once per second.
import type { Connection } from 'vscode-languageserver';
import { StatusNotification, type PackSummary, type StatusParams } from './protocol';
import { uniqueProblems, type LoadedRules } from './workspaceRules';

const SCAN_STATUS_INTERVAL_MS = 1000;

export function packSummaries(loaded: LoadedRules[]): PackSummary[] {
  const seen = new Map<string, PackSummary>();
  for (const l of loaded) {
    for (const p of l.packs) {
      const key = `${p.id}\0${p.source}`;
      if (seen.has(key)) continue;
      seen.set(key, {
        id: p.id, version: p.version, description: p.description, source: p.source, ruleCount: p.ruleCount,
        verification: p.verification, errors: p.errors,
      });
    }
  }
  return [...seen.values()];
}

export class StatusReporter {
  private lastScanMs?: number;
  private lastScanAt?: string;
  private lastSent = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection, private readonly loaded: () => LoadedRules[]) {}

  build(): StatusParams {
    const loaded = this.loaded();
    const ruleIds = new Set<string>();
    for (const l of loaded) for (const r of l.ruleSet.rules) ruleIds.add(r.id);
    return {
      packs: packSummaries(loaded),
      ruleCount: ruleIds.size,
      lastScanMs: this.lastScanMs,
      lastScanAt: this.lastScanAt,
      errors: uniqueProblems(loaded.flatMap((l) => l.problems)),
    };
  }

  /** Sends now (after start or a reload). */
  send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastSent = Date.now();
    void this.connection.sendNotification(StatusNotification, this.build());
  }

  /** Records a scan; the status follows at most once per second so typing does not flood the client. */
  scanned(ms: number): void {
    this.lastScanMs = ms;
    this.lastScanAt = new Date().toISOString();
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + SCAN_STATUS_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => this.send(), wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
