// The engine's data model: rule packs, patterns, findings and scan options. Pure types, no I/O.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type Confidence = 'high' | 'medium' | 'low';

/** Ordered from most to least severe, so an index comparison answers "at least as severe". */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
export function confidenceRank(c: Confidence): number {
  return CONFIDENCES.indexOf(c);
}
/** True when `s` is at least as severe as `min`. */
export function atLeastSeverity(s: Severity, min: Severity): boolean {
  return severityRank(s) <= severityRank(min);
}
export function atLeastConfidence(c: Confidence, min: Confidence): boolean {
  return confidenceRank(c) <= confidenceRank(min);
}

/** Where in a file a regex may match. `code` excludes comments and string literals. */
export type Scope = 'code' | 'comment' | 'string' | 'any';

/** A 0-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A condition on one capture of a pattern (structural or regex named group). */
export interface CaptureCondition {
  capture: string;
  /** The capture's text must match this regex. */
  regex?: string;
  /** The capture's text must not match this regex. */
  'not-regex'?: string;
  /** The capture's node type must be one of these (structural only). */
  type?: string[];
  /** The capture's node type must not be one of these (structural only). */
  'not-type'?: string[];
  /**
   * true: the capture is a constant literal (string without interpolation, number, ...).
   * false: it is anything else (a variable, a call, a concatenation, an interpolated string).
   */
  literal?: boolean;
  /**
   * When false, an identifier capture that is assigned a constant literal in the same file
   * (e.g. `const cmd = "ls"`) and never reassigned does not count as a match.
   */
  'constant-ok'?: boolean;
}

/** Key-path matching over parsed JSON/YAML/HCL/Dockerfile documents. */
export interface ConfigPattern {
  /** Dotted key path; `*` matches any key or array item, `**` any depth. E.g. `spec.containers.*.image`. */
  path: string;
  equals?: string | number | boolean | null;
  'not-equals'?: string | number | boolean | null;
  in?: Array<string | number | boolean>;
  regex?: string;
  'not-regex'?: string;
  /** The key at `path` must be absent; reported on the nearest existing parent. */
  absent?: boolean;
  /** Numeric comparisons on a scalar (a number or a numeric string), e.g. a port range that includes 22. */
  gte?: number;
  lte?: number;
  /** Document-level conditions: every one must resolve (or be absent, for `absent: true`) from the document root. */
  when?: ConfigPattern[];
  /** Conditions relative to each node `path` selects: every one must hold under that node (e.g. its `Type`). */
  has?: ConfigPattern[];
  /** A key path under the selected node to report on when it exists (e.g. `CidrIp`); otherwise the selected key. */
  report?: string;
}

export interface Pattern {
  /** A regular expression (JavaScript syntax, must be executable in linear time). */
  regex?: string;
  /** Regex flags: only `i`, `m`, `s` are allowed. */
  flags?: string;
  /** Where the regex may match (default `code`). Structural queries ignore this. */
  scope?: Scope;
  /** A tree-sitter query. The capture `@match` (or the first capture) is the reported range. */
  query?: string;
  /** Config key-path pattern for JSON/YAML/HCL documents. */
  config?: ConfigPattern;
  /** Extra conditions on captures. */
  where?: CaptureCondition[];
  /** For regex: a named group whose range is reported instead of the whole match. */
  report?: string;
}

export interface Fix {
  /** Replacement text; `$name`/`${name}` expand to captures, `$0` to the reported text. */
  replace: string;
  /** The capture whose range is replaced (default: the reported range). */
  target?: string;
  /** Label shown on the quick fix. */
  title?: string;
}

export interface HelpDestination {
  provider: 'redmine' | 'github' | 'gitlab' | 'jira' | 'webhook' | 'browser';
  url?: string;
  project?: string;
  [key: string]: unknown;
}

export interface Rule {
  id: string;
  title: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  languages: string[];
  include?: string[];
  exclude?: string[];
  cwe: string[];
  owasp: string[];
  /** Any of these patterns produces a finding (logical OR). */
  patterns: Pattern[];
  /** Drop a finding overlapped by a match of any of these. */
  not?: Pattern[];
  /** Keep a finding only when it lies inside a match of one of these. */
  inside?: Pattern[];
  /** Drop a finding that lies inside a match of one of these. */
  'not-inside'?: Pattern[];
  /** Keep a finding only when one of these matches on the same line. */
  'same-line'?: Pattern[];
  /** Drop a finding when one of these matches on the same line. */
  'not-same-line'?: Pattern[];
  /** Literal strings; a file that contains none of them is skipped for this rule (a speed hint). */
  anchors?: string[];
  fix?: Fix;
  /** Markdown, or a relative path to a .md file next to the pack. Resolved to markdown at load. */
  guidance: string;
  references?: string[];
  /** Where a rendered guidance page lives (set by the loader; used for codeDescription.href / helpUri). */
  helpUri?: string;
  /** Set by the loader: the pack this rule came from. */
  packId?: string;
}

export interface PackManifest {
  id: string;
  version: string;
  description: string;
  help?: HelpDestination;
}

export interface RulePack {
  manifest: PackManifest;
  rules: Rule[];
  /** Where the pack was loaded from (a file path or a URL). */
  source: string;
}

/** A problem in some input (a pack, a config, a file), with a location when known. */
export interface Problem {
  file: string;
  /** 1-based, as people and editors print it. */
  line?: number;
  column?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface Suppression {
  /** The rule ids the comment names. */
  ruleIds: string[];
  reason?: string;
  until?: string;
  /** 0-based line of the comment. */
  line: number;
  expired: boolean;
}

export interface Finding {
  ruleId: string;
  title: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  range: Range;
  cwe: string[];
  owasp: string[];
  helpUri?: string;
  /** Edits that apply the rule's fix, when it has one. */
  fix?: { title: string; edits: TextEdit[] };
  /** Present when a valid vigil-ignore comment covers this finding. */
  suppression?: { reason: string; until?: string; line: number };
  /** Stable across unrelated edits above the finding. */
  fingerprint: string;
}

export interface ScanOptions {
  /** Path relative to the workspace root, used for include/exclude globs and fingerprints. */
  path?: string;
  /** Today's date (YYYY-MM-DD) for suppression expiry; injectable for tests. */
  today?: string;
  /** Report suppressions that give no reason (default true). */
  requireReason?: boolean;
  /** Work budget per file in milliseconds (default: none); rules not run in time are reported as a problem. */
  budgetMs?: number;
  /** Restrict findings to these 0-based lines (e.g. lines changed since the last commit). */
  onlyLines?: Set<number>;
}

export interface ScanResult {
  findings: Finding[];
  /** Problems met while scanning: an expired or reason-less suppression, a budget overrun. */
  problems: Problem[];
  /** Suppression problems as findings (rule id `vigil/suppression`), shown like findings. */
}
