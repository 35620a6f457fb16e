// Writes the `vigil-ignore <id> -- <reason>` comment for a finding, in the file's comment syntax and indentation.
import { suppressionComment } from '../engine';
import type { TextEdit } from '../engine/types';

/** Files that cannot hold a comment. */
const NO_COMMENTS = new Set(['json']);

/**
 * A reason is free text from the user: it must stay inside the comment. Line breaks would end a
 * line comment and let the rest run as code; a block-comment terminator would do the same.
 */
export function cleanReason(reason: string): string {
  return reason.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /').replace(/-->/g, '-- >').trim();
}

/**
 * The edit that suppresses `ruleId` on `line`. Normally a new comment line above the finding, with
 * the finding line's indentation. When the line above already holds a vigil-ignore comment (for
 * another rule), inserting a line would move that comment away from the line it covers, so the new
 * comment goes at the end of the finding's line instead.
 */
export function suppressionEdit(text: string, languageId: string, ruleId: string, line: number, reason: string): TextEdit | undefined {
  if (NO_COMMENTS.has(languageId)) return undefined;
  const why = cleanReason(reason);
  if (!why) return undefined;
  const lines = text.split(/\r?\n/);
  if (line < 0 || line >= lines.length) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const comment = suppressionComment(languageId, [ruleId], why);
  const target = lines[line];
  if (line > 0 && lines[line - 1].includes('vigil-ignore')) {
    const end = { line, character: target.length };
    return { range: { start: end, end }, newText: ` ${comment}` };
  }
  const indent = /^[ \t]*/.exec(target)?.[0] ?? '';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}${comment}${eol}` };
}
