// Builds the bundle and packs it into vigil-<version>.vsix with @vscode/vsce, then checks what went in.
// The check is the point: the .vsix must hold the bundled dist/, rule packs, snippets and docs, and nothing
// else (no node_modules, tests, sources or source maps), whatever .vscodeignore happens to say.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listZipEntries } from './zipEntries.mjs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** Secret kinds (vsce's names) that rules/secrets/pack.yaml describes; check a new one is a pattern before adding it. */
const RULE_PATTERN_SECRET_KINDS = ['slack'];
const out = process.argv[2] ?? join(root, `vigil-${pkg.version}.vsix`);

function run(cmd, args) {
  // stdin is closed so that a vsce prompt fails fast instead of hanging CI.
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`package: ${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

if (!existsSync(join(root, 'README.md'))) {
  console.error('package: README.md is missing; vsce needs it as the extension page');
  process.exit(1);
}

run(process.execPath, [join(root, 'scripts/build.mjs')]);
run(process.execPath, [
  join(root, 'node_modules/@vscode/vsce/vsce'),
  'package',
  '--no-dependencies', // everything is bundled by esbuild; no node_modules tree ships
  '--allow-missing-repository',
  '--no-rewrite-relative-links', // README images are shipped in the package, so relative links resolve
  // vsce's secret scan reads the secret-detection rules in rules/secrets as tokens. Only the kinds seen to be
  // such false positives are allowed, so a real token anywhere in the package still stops packaging.
  '--allow-package-secrets',
  ...RULE_PATTERN_SECRET_KINDS,
  '-o',
  out,
]);

// Every file in the package sits under extension/, next to vsce's two manifest files.
const allowed = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/license(\.txt)?$/i,
  /^extension\/dist\/(?!.*\.map$).+/,
  /^extension\/rules\/(?!.*\/fixtures\/).+/,
  /^extension\/snippets\/.+/,
  /^extension\/language-configuration\/[\w-]+\.json$/,
  /^extension\/images\/.+\.png$/,
];
const required = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/tree-sitter.wasm'];

const entries = listZipEntries(readFileSync(out));
const stray = entries.filter((e) => !allowed.some((re) => re.test(e)));
const missing = required.filter((r) => !entries.includes(r));
const grammars = entries.filter((e) => /^extension\/dist\/grammars\/tree-sitter-.+\.wasm$/.test(e));
if (stray.length || missing.length || grammars.length === 0) {
  if (stray.length) console.error(`package: unexpected files in ${out}:\n  ${stray.join('\n  ')}`);
  if (missing.length) console.error(`package: missing from ${out}:\n  ${missing.join('\n  ')}`);
  if (grammars.length === 0) console.error('package: no tree-sitter grammars in dist/grammars');
  process.exit(1);
}
const kib = (statSync(out).size / 1024).toFixed(0);
console.log(`package: ${out} (${entries.length} files, ${kib} KiB)`);
