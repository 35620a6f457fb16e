// Schedules scans of open documents, runs them on the newest version only, stores findings and publishes diagnostics.
//
// Scheduling: a change to a document that has not been scanned in the last THROTTLE_MS is scanned
// on the next turn of the event loop, so a single edit gets its diagnostics as fast as the scan
// runs. Changes that arrive within THROTTLE_MS of the last scan (typing) are coalesced into one
// scan at the end of that window, always of the newest version. Stale work is dropped: a pending
// scan reads the document only when it runs, and results are published only if the document is
// still at the version that was scanned and no newer version was published before.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Connection } from 'vscode-languageserver';
import { scan } from '../engine';
import type { Finding } from '../engine/types';
import type { ChangedLinesCache } from './changedLines';
import { shownFindings, toDiagnostic } from './diagnostics';
import type { DocumentStore } from './documents';
import type { ExplicitSettings } from './settings';
import type { StatusReporter } from './statusReporter';
import { uriToPath } from './uris';
import type { LoadedRules } from './workspaceRules';

export const THROTTLE_MS = 150;

/** The findings behind the diagnostics published for one document version. Code actions and hover read these. */
export interface StoredFindings {
  uri: string;
  version: number;
  languageId: string;
  /** Shown findings, in the order of the published diagnostics (diagnostic data.index points here). */
  findings: Finding[];
  rules: LoadedRules;
}

export interface ValidatorDeps {
  connection: Connection;
  documents: DocumentStore;
  settingsFor(uri: string): Promise<ExplicitSettings>;
  rulesFor(uri: string, settings: ExplicitSettings): LoadedRules;
  rootFor(uri: string): string | undefined;
  changedLines: ChangedLinesCache;
  status: StatusReporter;
  log(message: string): void;
}

/** Workspace-relative path with forward slashes, as rule globs and fingerprints expect. */
export function relativePath(uri: string, root: string | undefined): string | undefined {
  const file = uriToPath(uri);
  if (!file) return undefined;
  if (!root) return path.basename(file);
  return path.relative(root, file).split(path.sep).join('/');
}

export function isExcluded(rel: string | undefined, globs: string[]): boolean {
  if (!rel || !globs.length) return false;
  return globs.some((g) => new Minimatch(g, { dot: true, matchBase: !g.includes('/') }).match(rel));
}

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastScanEnd = new Map<string, number>();
  private readonly running = new Set<string>();
  private readonly rerun = new Set<string>();
  private readonly published = new Map<string, number>();
  private readonly stored = new Map<string, StoredFindings>();
  /** Skip reasons already logged per document, so a skipped file is reported once, not per keystroke. */
  private readonly skipLogged = new Map<string, string>();
  /** Bumped when settings or rules change: a scan started before that must not publish (its rerun will). */
  private generation = 0;

  constructor(private readonly deps: ValidatorDeps) {}

  /** Called on open and change: runs now when idle, else coalesces into the end of the current window. */
  schedule(uri: string): void {
    if (this.timers.has(uri)) return;
    if (this.running.has(uri)) {
      this.rerun.add(uri);
      return;
    }
    const since = Date.now() - (this.lastScanEnd.get(uri) ?? -Infinity);
    const delay = since >= THROTTLE_MS ? 0 : THROTTLE_MS - since;
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.validate(uri);
    }, delay));
  }

  /** Settings or rules are changing: scans in flight must not publish (refreshAll() follows once rules are reloaded). */
  invalidate(): void {
    this.generation++;
  }

  /** Rescans every open document (after settings or rules changed). */
  refreshAll(): void {
    this.generation++;
    for (const d of this.deps.documents.all()) {
      // A refresh must not be skipped as "already published": the rules changed, not the text.
      this.published.delete(d.uri);
      this.schedule(d.uri);
    }
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.stored.delete(uri);
    this.published.delete(uri);
    this.lastScanEnd.delete(uri);
    this.skipLogged.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  get(uri: string): StoredFindings | undefined {
    return this.stored.get(uri);
  }

  private async validate(uri: string): Promise<void> {
    this.running.add(uri);
    try {
      await this.validateNow(uri);
    } catch (e) {
      this.deps.log(`Scan of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    } finally {
      this.running.delete(uri);
      this.lastScanEnd.set(uri, Date.now());
      if (this.rerun.delete(uri)) this.schedule(uri);
    }
  }

  private async validateNow(uri: string): Promise<void> {
    const generation = this.generation;
    const settings = await this.deps.settingsFor(uri);
    const first = this.deps.documents.get(uri);
    if (!first) return;
    const rules = this.deps.rulesFor(uri, settings);
    const s = rules.settings;
    const rel = relativePath(uri, this.deps.rootFor(uri));
    const file = uriToPath(uri);
    const onlyLines = s.onlyChangedLines && file ? await this.deps.changedLines.get(file) : undefined;
    // Everything asynchronous is done; from here to publishing the work is synchronous, so the
    // version read now is the version scanned and published.
    const d = this.deps.documents.get(uri);
    if (!d) return;
    const version = d.doc.version;
    if ((this.published.get(uri) ?? -Infinity) >= version && this.stored.get(uri)?.rules === rules) return;
    const text = d.doc.getText();
    let findings: Finding[] = [];
    const skip = !s.enable ? 'disabled' : isExcluded(rel, s.exclude) ? 'excluded'
      : Buffer.byteLength(text, 'utf8') > s.maxFileSize ? `larger than vigil.maxFileSize (${s.maxFileSize} bytes)` : undefined;
    if (skip) {
      if (this.skipLogged.get(uri) !== skip) this.deps.log(`Not scanning ${rel ?? uri}: ${skip}.`);
      this.skipLogged.set(uri, skip);
    } else {
      this.skipLogged.delete(uri);
      const started = performance.now();
      const result = scan(text, d.languageId, rules.ruleSet, {
        document: d.parsed,
        path: rel,
        onlyLines,
        requireReason: rules.config.requireReason,
      });
      this.deps.status.scanned(performance.now() - started);
      for (const p of result.problems) this.deps.log(`${rel ?? uri}: ${p.message}`);
      findings = shownFindings(result.findings, s);
    }
    // Settings or rules changed while this scan waited for its settings: its result is stale, and refreshAll() has
    // queued a rerun of this document.
    if (generation !== this.generation) return;
    this.stored.set(uri, { uri, version, languageId: d.languageId, findings, rules });
    this.published.set(uri, version);
    const diagnostics = findings.map((f, i) => toDiagnostic(f, i, version, s));
    void this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** Drops cached git state for a saved file so "only changed lines" follows the new diff. */
  saved(uri: string): void {
    const file = uriToPath(uri);
    if (file) this.deps.changedLines.invalidate(file);
  }
}
