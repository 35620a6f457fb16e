// `vigil/scanWorkspace`: scans every non-excluded file of the workspace on worker threads, with progress and cancellation.
//
// It reuses the CLI's walker, per-file reader and worker pool (dist/scanWorker.js), so a workspace
// scan and `vigil scan` skip and scan exactly the same files.
import * as path from 'node:path';
import type { CancellationToken, Connection, Diagnostic, WorkDoneProgressReporter } from 'vscode-languageserver';
import { collectFiles } from '../cli/fileWalker';
import { scanFiles } from '../cli/scanPool';
import { shownFindings, toDiagnostic } from './diagnostics';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from './protocol';
import type { ExplicitSettings } from './settings';
import { pathToUri, uriToPath } from './uris';
import type { LoadedRules } from './workspaceRules';

export interface WorkspaceScanDeps {
  connection: Connection;
  /** Workspace folder paths. */
  folders(): string[];
  settingsFor(uri: string): Promise<ExplicitSettings>;
  rulesFor(uri: string, settings: ExplicitSettings): LoadedRules;
  builtinDir?: string;
  /** Open documents are left to the validator: their editor text may differ from the disk. */
  isOpen(uri: string): boolean;
  refreshOpen(): void;
  workerScript: string;
}

/** Progress on the client's token when it sent one, else on a server-created (cancellable) progress. */
async function progressFor(connection: Connection, params: ScanWorkspaceParams, canCreate: boolean)
  : Promise<{ reporter: WorkDoneProgressReporter; cancel?: CancellationToken }> {
  if (params.workDoneToken !== undefined) return { reporter: connection.window.attachWorkDoneProgress(params.workDoneToken) };
  if (!canCreate) return { reporter: connection.window.attachWorkDoneProgress(undefined) };
  const r = await connection.window.createWorkDoneProgress();
  return { reporter: r, cancel: r.token };
}

export async function scanWorkspace(
  deps: WorkspaceScanDeps, params: ScanWorkspaceParams, token: CancellationToken, canCreateProgress: boolean,
): Promise<ScanWorkspaceResult> {
  const folders = params.folders?.length ? params.folders.map((f) => uriToPath(f) ?? f) : deps.folders();
  const result: ScanWorkspaceResult = { filesScanned: 0, filesSkipped: { binary: 0, tooLarge: 0, excluded: 0, other: 0 }, findings: 0, cancelled: false };
  const { reporter, cancel } = await progressFor(deps.connection, params, canCreateProgress);
  const cancelled = () => token.isCancellationRequested || !!cancel?.isCancellationRequested;
  reporter.begin('Vigil: scanning the workspace', 0, 'Listing files…', true);
  try {
    for (let i = 0; i < folders.length && !cancelled(); i++) {
      const root = folders[i];
      const rootUri = pathToUri(root);
      const settings = await deps.settingsFor(rootUri);
      const rules = deps.rulesFor(rootUri, settings);
      const s = rules.settings;
      const walk = collectFiles([root], root, s.exclude);
      result.filesSkipped.excluded += walk.excluded;
      const scanOpts = { root, maxFileSize: s.maxFileSize, requireReason: rules.config.requireReason };
      const share = 100 / folders.length;
      const results = await scanFiles(walk.files, {
        init: {
          rules: { builtinDir: deps.builtinDir, workspaceRoot: root, config: rules.config, extraPacks: settings.packs ?? [] },
          scan: scanOpts,
        },
        ruleSet: rules.ruleSet,
        workerScript: deps.workerScript,
        isCancelled: cancelled,
        onProgress: (done, total) => {
          const pct = Math.floor(i * share + (total ? (done / total) * share : share));
          reporter.report(Math.min(100, pct), `${done}/${total} files${folders.length > 1 ? ` in ${path.basename(root)}` : ''}`);
        },
      });
      for (const r of results) {
        if (r.skipped) {
          const k = r.skipped.reason === 'binary' ? 'binary' : r.skipped.reason === 'tooLarge' ? 'tooLarge' : 'other';
          result.filesSkipped[k]++;
          continue;
        }
        result.filesScanned++;
        const uri = pathToUri(path.join(root, r.path));
        const shown = shownFindings(r.findings, s);
        result.findings += shown.length;
        if (deps.isOpen(uri)) continue;
        // No document version: code actions for these appear once the file is opened and rescanned.
        const diagnostics: Diagnostic[] = shown.map((f, idx) => toDiagnostic(f, idx, -1, s));
        void deps.connection.sendDiagnostics({ uri, diagnostics });
      }
    }
    result.cancelled = cancelled();
  } finally {
    reporter.done();
  }
  deps.refreshOpen();
  return result;
}
