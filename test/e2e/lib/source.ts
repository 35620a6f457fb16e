// Finds where text sits in a workspace file, so scenarios name code by content rather than by hard-coded positions,
// and reads files back from disk after the editor saved them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from './waitFor';

export interface Position {
  /** 1-based, as the editor's Go to Line and the Problems panel show them. */
  line: number;
  column: number;
}

export function locate(workspace: string, relPath: string, needle: string): Position {
  const lines = readFileSync(join(workspace, relPath), 'utf8').split('\n');
  for (const [i, l] of lines.entries()) {
    const c = l.indexOf(needle);
    if (c >= 0) return { line: i + 1, column: c + 1 };
  }
  throw new Error(`"${needle}" is not in ${relPath}`);
}

/** Waits until the saved file satisfies `test` (the editor writes it asynchronously through the server). */
export function waitForFile(workspace: string, relPath: string, test: (text: string) => boolean, what: string): Promise<string> {
  return waitUntil(`${relPath} on disk to ${what}`, () => {
    const text = readFileSync(join(workspace, relPath), 'utf8');
    return test(text) ? text : undefined;
  });
}
