// The VS Code language ids Vigil scans in the editor; the activation events and the document selector come from here.
export const SUPPORTED_LANGUAGES: readonly string[] = [
  'javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'java', 'go', 'csharp', 'php', 'ruby',
  'c', 'cpp', 'shellscript', 'dockerfile', 'terraform', 'yaml', 'json',
];
