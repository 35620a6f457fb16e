// Open documents: text and version under incremental sync, plus the engine's ParsedDocument fed with tree edits.
//
// We do not use vscode-languageserver's TextDocuments manager because it applies content changes
// without telling us where they were; tree-sitter needs each edit (as UTF-16 offsets and points)
// to re-parse incrementally.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ParsedDocument } from '../engine';

export interface OpenDocument {
  uri: string;
  languageId: string;
  doc: TextDocument;
  parsed: ParsedDocument;
}

/** The row/column of a UTF-16 offset in `text` given the row/column of the change start (cheap: scans only the new text). */
function pointAfter(start: { row: number; column: number }, inserted: string): { row: number; column: number } {
  const lastNl = inserted.lastIndexOf('\n');
  if (lastNl < 0) return { row: start.row, column: start.column + inserted.length };
  let rows = 0;
  for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) rows++;
  return { row: start.row + rows, column: inserted.length - lastNl - 1 };
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    this.close(uri);
    const d: OpenDocument = { uri, languageId, doc: TextDocument.create(uri, languageId, version, text), parsed: new ParsedDocument(languageId) };
    this.docs.set(uri, d);
    return d;
  }

  /** Applies content changes in order, telling the parsed tree where each one happened. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    for (const c of changes) {
      if ('range' in c) {
        const startIndex = d.doc.offsetAt(c.range.start);
        const oldEndIndex = d.doc.offsetAt(c.range.end);
        // offsetAt clamps positions; derive the points from the clamped offsets so the tree edit is consistent.
        const s = d.doc.positionAt(startIndex);
        const e = d.doc.positionAt(oldEndIndex);
        const startPosition = { row: s.line, column: s.character };
        d.parsed.edit({
          startIndex,
          oldEndIndex,
          newEndIndex: startIndex + c.text.length,
          startPosition,
          oldEndPosition: { row: e.line, column: e.character },
          newEndPosition: pointAfter(startPosition, c.text),
        });
        d.doc = TextDocument.update(d.doc, [c], version);
      } else {
        // A full-text change: the old tree says nothing about the new text, so start afresh.
        d.parsed.dispose();
        d.parsed = new ParsedDocument(d.languageId);
        d.doc = TextDocument.update(d.doc, [c], version);
      }
    }
    // TextDocument.update with an empty list still records the version.
    if (!changes.length) d.doc = TextDocument.update(d.doc, [], version);
    return d;
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.parsed.dispose();
    this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}
