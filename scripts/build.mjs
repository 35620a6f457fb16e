// Bundles the CLI, the language server and the extension with esbuild, and copies the wasm grammars next to them.
import { build } from 'esbuild';
import { cpSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
mkdirSync(join(dist, 'grammars'), { recursive: true });

// Only the grammars the engine uses are shipped (see server/src/engine/languages.ts).
const grammars = ['javascript', 'typescript', 'tsx', 'python', 'java', 'go', 'c_sharp', 'php', 'ruby', 'c', 'cpp', 'bash'];
for (const g of grammars) {
  cpSync(join(root, 'node_modules/tree-sitter-wasms/out', `tree-sitter-${g}.wasm`), join(dist, 'grammars', `tree-sitter-${g}.wasm`));
}
cpSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));

const common = { bundle: true, platform: 'node', target: 'node18', sourcemap: 'linked', logLevel: 'warning', external: ['vscode'],
  // Prefer ES module entry points: some packages (jsonc-parser) ship a UMD main whose dynamic requires esbuild cannot follow.
  mainFields: ['module', 'main'] };
const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli.js', banner: '#!/usr/bin/env node' },
  { in: 'server/src/cli/scanWorker.ts', out: 'scanWorker.js' },
  { in: 'server/src/lsp/main.ts', out: 'server.js' },
  { in: 'client/src/extension.ts', out: 'extension.js' },
];
await Promise.all(
  entries
    .filter((e) => existsSync(join(root, e.in)))
    .map((e) => build({ ...common, entryPoints: [join(root, e.in)], outfile: join(dist, e.out), banner: e.banner ? { js: e.banner } : undefined })),
);
