// Reads and scans one file for a batch scan (CLI or workspace scan): size, binary, encoding and minified checks first.
import * as path from 'path';
import { decodeText, languageForPath, scan, type Finding, type Problem, type RuleSet } from '../engine';
import { readFileLimited } from '../engine/nodeFs';

export interface FileScanOptions {
  root: string;
  maxFileSize: number;
  requireReason?: boolean;
  /** Scan minified/generated-looking files too (default false). */
  includeMinified?: boolean;
}

export type SkipReason = 'binary' | 'tooLarge' | 'minified' | 'unreadable' | 'unknownLanguage';

export interface FileScanResult {
  /** Path relative to the root, forward slashes. */
  path: string;
  findings: Finding[];
  problems: Problem[];
  skipped?: { reason: SkipReason; detail: string };
  bytes: number;
  lines: number;
}

/** A file looks minified when its lines are very long on average: rules tuned for source code would only add noise. */
function looksMinified(text: string, rel: string): boolean {
  if (/\.min\.(js|css|mjs)$/.test(rel) || /[.-]bundle\.js$/.test(rel)) return true;
  if (text.length < 4096) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 300;
}

export function scanFile(abs: string, ruleSet: RuleSet, opts: FileScanOptions): FileScanResult {
  // A file named outside the root keeps its path for display, without the `../` prefixes that globs cannot match.
  const rel = path.relative(opts.root, abs).split(path.sep).join('/').replace(/^(\.\.\/)+/, '') || path.basename(abs);
  const base: FileScanResult = { path: rel, findings: [], problems: [], bytes: 0, lines: 0 };
  const languageId = languageForPath(abs) ?? 'plaintext';
  const read = readFileLimited(abs, opts.maxFileSize);
  if (!read.ok) {
    const tooLarge = read.error.includes('limit');
    return { ...base, skipped: { reason: tooLarge ? 'tooLarge' : 'unreadable', detail: read.error } };
  }
  base.bytes = read.data.length;
  const decoded = decodeText(read.data);
  if ('error' in decoded) return { ...base, skipped: { reason: 'binary', detail: decoded.error } };
  const text = decoded.text;
  if (!opts.includeMinified && looksMinified(text, rel)) {
    return { ...base, skipped: { reason: 'minified', detail: 'looks minified or generated (very long lines)' } };
  }
  const knownQueryProblems = ruleSet.queryProblems().length;
  const result = scan(text, languageId, ruleSet, { path: rel, requireReason: opts.requireReason });
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  const problems = result.problems.map((p) => ({ ...p, file: rel }));
  if (decoded.warning) problems.push({ file: rel, message: decoded.warning, severity: 'warning' });
  // A query that fails to compile for this file's grammar is reported with the first file that needed it.
  problems.push(...ruleSet.queryProblems().slice(knownQueryProblems));
  return { ...base, findings: result.findings, problems, lines };
}
