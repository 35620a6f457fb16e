// Code actions answered from the stored findings of the document version: fix, suppress with a reason, ask for help, fix all.
import {
  CodeAction, CodeActionKind, TextDocumentEdit, type CodeActionParams, type Diagnostic, type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, TextEdit } from '../engine/types';
import { isDiagnosticData, isSuppressionProblem } from './diagnostics';
import type { AskForHelpArgs, SuppressFindingArgs } from './protocol';
import type { StoredFindings } from './validator';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.vigil`;

/** Languages whose files cannot hold a comment, so a suppression must go to .vigil/config.yaml instead. */
const NO_COMMENTS = new Set(['json']);

export function workspaceEdit(uri: string, version: number, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  // A versioned edit is refused by the client if the document changed since the scan.
  return versioned
    ? { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] }
    : { changes: { [uri]: edits } };
}

const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/** All fixes of the shown findings that do not overlap, in document order (the first of two overlapping wins). */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  const edits = findings.flatMap((f) => (f.fix ? [f.fix.edits] : []));
  const out: TextEdit[] = [];
  const taken: TextEdit[] = [];
  for (const group of edits) {
    const clash = group.some((e) => taken.some((t) => before(e.range.start, t.range.end) && before(t.range.start, e.range.end)));
    if (clash) continue;
    taken.push(...group);
    out.push(...group);
  }
  return out.sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * `stored` must be the findings of the document version the client is looking at; when the
 * document has changed since, no action is offered until the new scan arrives.
 */
export function codeActions(
  params: CodeActionParams, stored: StoredFindings | undefined, currentVersion: number | undefined, versionedEdits: boolean,
): CodeAction[] {
  if (!stored || stored.version !== currentVersion) return [];
  const { uri } = params.textDocument;
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    for (const d of params.context.diagnostics) {
      const f = findingFor(d, stored);
      if (f) out.push(...quickFixes(uri, stored, f, d, versionedEdits));
    }
  }
  if (wants(only, FIX_ALL_KIND) && (only || stored.findings.some((f) => f.fix))) {
    const edits = fixAllEdits(stored.findings);
    // Offered in the light bulb only when there is something to fix; on save (`only` set) always answered.
    if (edits.length) {
      out.push({ title: 'Fix all Vigil findings that have a safe fix', kind: FIX_ALL_KIND, edit: workspaceEdit(uri, stored.version, edits, versionedEdits) });
    }
  }
  return out;
}

function findingFor(d: Diagnostic, stored: StoredFindings): Finding | undefined {
  if (d.source !== 'vigil' || !isDiagnosticData(d.data)) return undefined;
  if (d.data.version !== stored.version) return undefined;
  const f = stored.findings[d.data.index];
  return f && f.fingerprint === d.data.fingerprint && f.ruleId === d.data.ruleId ? f : undefined;
}

function quickFixes(uri: string, stored: StoredFindings, f: Finding, d: Diagnostic, versionedEdits: boolean): CodeAction[] {
  const out: CodeAction[] = [];
  if (f.fix?.edits.length) {
    out.push({
      title: f.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: f.confidence === 'high',
      edit: workspaceEdit(uri, stored.version, f.fix.edits, versionedEdits),
    });
  }
  if (!isSuppressionProblem(f.ruleId) && !NO_COMMENTS.has(stored.languageId)) {
    const args: SuppressFindingArgs = { uri, ruleId: f.ruleId, line: f.range.start.line, range: f.range };
    out.push({
      title: `Suppress ${f.ruleId} with a reason…`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: 'Suppress with a reason', command: 'vigil.suppressFinding', arguments: [args] },
    });
  }
  if (!isSuppressionProblem(f.ruleId)) {
    const args: AskForHelpArgs = { uri, range: f.range, ruleId: f.ruleId };
    out.push({
      title: `Ask the security team for help with ${f.ruleId}…`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      command: { title: 'Ask for help', command: 'vigil.askForHelp', arguments: [args] },
    });
  }
  return out;
}
