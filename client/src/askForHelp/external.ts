// Opens an external URL exactly as built (prefilled new-issue pages and ticket links).
import * as vscode from 'vscode';

/**
 * vscode.Uri re-encodes the query when it is turned back into a string, which can turn an encoded
 * %26 inside the body into a raw & and cut the prefilled text. The extension host accepts the URL
 * as a string and then passes it to the opener untouched, so the string goes through as it is.
 */
export function externalUri(url: string): vscode.Uri {
  return url as unknown as vscode.Uri;
}
