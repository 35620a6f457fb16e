// Vigil's custom LSP messages: one typed definition per message, shared by the server and the client.
//
// This file imports only the protocol library and engine *types* (erased at build time), so the
// client can import it without pulling the engine or the server into dist/extension.js.
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { Confidence, HelpDestination, Problem, Range, Severity, TextEdit } from '../engine/types';

/** One loaded rule pack as the status item and the packs view show it. */
export interface PackSummary {
  id: string;
  version: string;
  description?: string;
  source: string;
  ruleCount: number;
  /** How the pack's integrity was checked (e.g. 'builtin', 'pinned', 'unpinned'), when the engine says. */
  verification?: string;
  errors: Problem[];
}

/** Parameters of `vigil/status`. */
export interface StatusParams {
  packs: PackSummary[];
  ruleCount: number;
  /** Duration of the last document scan, in milliseconds. */
  lastScanMs?: number;
  /** ISO time of the last document scan. */
  lastScanAt?: string;
  /** Every distinct problem met while loading packs and config, each once. */
  errors: Problem[];
}

/**
 * `vigil/status`: server -> client. Sent on start, after (re)loading packs, and after scans at most
 * once per second. It feeds the client's language status item; pack errors travel here (once per
 * distinct error) instead of as pop-ups on every keystroke.
 */
export const StatusNotification = new NotificationType<StatusParams>('vigil/status');

export interface FindingContextParams {
  uri: string;
  range?: Range;
  /** Lines of context above and below (default 5). */
  contextLines?: number;
}

export interface FindingSummary {
  ruleId: string;
  title: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  cwe: string[];
  owasp: string[];
  helpUri?: string;
  fingerprint: string;
  packId?: string;
  help?: HelpDestination;
}

export interface FindingContextResult {
  finding?: FindingSummary;
  languageId: string;
  /** 0-based first and last line of the snippet. */
  startLine: number;
  endLine: number;
  /** The code around the finding or selection, always passed through the engine's redact(). */
  snippet: string;
  redactions: Array<{ ruleId: string; line: number }>;
}

/**
 * `vigil/findingContext`: client -> server. The Ask-for-help flow asks for the finding under the
 * cursor (from the stored findings of the newest version, no re-scan) and a redacted snippet, so the
 * client never needs the engine and never sees an unredacted secret.
 */
export const FindingContextRequest = new RequestType<FindingContextParams, FindingContextResult, void>('vigil/findingContext');

export interface ScanWorkspaceParams extends WorkDoneProgressParams {
  /** Folder paths or file URIs to scan; default: every workspace folder. */
  folders?: string[];
}

export interface ScanWorkspaceResult {
  filesScanned: number;
  /** `excluded`: by .gitignore, vigil.exclude or the config; `other`: minified, unreadable. */
  filesSkipped: { binary: number; tooLarge: number; excluded: number; other: number };
  /** Findings shown (not suppressed, above the thresholds). */
  findings: number;
  cancelled: boolean;
}

/**
 * `vigil/scanWorkspace`: client -> server. With a work-done token in the params the server reports
 * progress on it (cancel with $/cancelRequest); without one it creates its own cancellable
 * progress (window/workDoneProgress/create), which VS Code shows as a notification. Scans every file that is not
 * excluded, on worker threads, reports progress with a percentage, honours cancellation, and
 * publishes diagnostics for every scanned file.
 */
export const ScanWorkspaceRequest = new RequestType<ScanWorkspaceParams, ScanWorkspaceResult, void>('vigil/scanWorkspace');

/** `vigil/packs`: client -> server. The packs loaded for the workspace, for the "Show Rule Packs" command. */
export const PacksRequest = new RequestType<Record<string, never>, PackSummary[], void>('vigil/packs');

export interface RuleGuidanceParams {
  ruleId: string;
}
export interface RuleGuidanceResult {
  /** Empty when the rule is unknown. */
  markdown: string;
  helpUri?: string;
}

/** `vigil/ruleGuidance`: client -> server. The rendered guidance of one rule, for "Show Rule Guidance". */
export const RuleGuidanceRequest = new RequestType<RuleGuidanceParams, RuleGuidanceResult, void>('vigil/ruleGuidance');

export interface RuleListItem {
  id: string;
  title: string;
  severity: Severity;
}

/** `vigil/rules`: client -> server. Every loaded rule, so "Show Rule Guidance" can offer a pick list. */
export const RulesRequest = new RequestType<Record<string, never>, RuleListItem[], void>('vigil/rules');

export interface SuppressionEditParams {
  uri: string;
  ruleId: string;
  /** 0-based line of the finding. */
  line: number;
  reason: string;
}

/**
 * `vigil/suppressionEdit`: client -> server. After the client asked the user for a reason, the
 * server writes the `vigil-ignore` comment in the file's comment syntax and indentation (the
 * client has no language table). Returns no edit when the file cannot hold a comment (JSON).
 */
export const SuppressionEditRequest = new RequestType<SuppressionEditParams, { edit?: TextEdit }, void>('vigil/suppressionEdit');

/** Arguments of the `vigil.suppressFinding` command that the "Suppress" code action carries. */
export interface SuppressFindingArgs {
  uri: string;
  ruleId: string;
  line: number;
  /** The finding's range, so an exception request can name the finding. */
  range?: Range;
}

/** Arguments of the `vigil.askForHelp` command that the "Ask for help" code action carries. */
export interface AskForHelpArgs {
  uri: string;
  range: Range;
  ruleId: string;
}

/** What each diagnostic's `data` holds: enough to find the stored finding again without a re-scan. */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  /** The document version the finding was computed on. */
  version: number;
  /** Index into the stored findings of that version. */
  index: number;
}
