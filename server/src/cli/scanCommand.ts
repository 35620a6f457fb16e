// `vigil scan`: walks the paths, scans every file on all cores, prints findings, returns the go/no-go exit code.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { atLeastSeverity, initEngine, loadRuleSet, toSarif, type Problem } from '../engine';
import { parseScanArgs, USAGE } from './options';
import { collectFiles } from './fileWalker';
import { scanFiles } from './scanPool';
import { formatJson, formatProblem, formatText } from './output';
import { progressBar, type CliIO } from './io';
import { resolveWorkspace } from './workspace';
import { VERSION } from './version';
import { ensurePacksFetched } from './packsFetch';
import { defaultPackCacheDir } from '../engine/packs/cache';

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export async function runScan(argv: string[], io: CliIO): Promise<number> {
  const args = parseScanArgs(argv);
  if (args.help) {
    io.out(USAGE + '\n');
    return 0;
  }
  const ws = resolveWorkspace(args.paths[0], io.cwd, args.config);
  const configErrors = ws.problems.filter((p) => p.severity === 'error');
  for (const p of ws.problems) io.err(formatProblem(p) + '\n');
  if (configErrors.length && args.config) return 2;
  for (const p of args.paths) {
    if (!fs.existsSync(path.resolve(io.cwd, p))) {
      io.err(`vigil: path not found: ${p}\n`);
      return 2;
    }
  }
  await initEngine();
  // Pinned URL packs missing from the cache are downloaded first (the only network I/O a scan does); the hash is checked
  // when they load, so a wrong download is refused there.
  for (const note of await ensurePacksFetched(ws.config.packs, defaultPackCacheDir())) io.err(`vigil: ${note}\n`);
  const rulesOpts = { builtinDir: args.builtin ? undefined : (false as const), extraPacks: args.rules.map((r) => path.resolve(io.cwd, r)), workspaceRoot: ws.root, config: { ...ws.config, minConfidence: args.minConfidence ?? ws.config.minConfidence } };
  const loaded = loadRuleSet(rulesOpts);
  const packErrors = loaded.problems.filter((p) => p.severity === 'error');
  for (const p of loaded.problems) io.err(formatProblem(p) + '\n');
  if (loaded.ruleSet.rules.length === 0) {
    io.err('vigil: no rules loaded (check --rules and --no-builtin)\n');
    return 2;
  }
  const maxFileSize = args.maxFileSize ?? ws.config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const walk = collectFiles(args.paths.map((p) => path.resolve(io.cwd, p)), ws.root, ws.config.exclude ?? []);
  const bar = progressBar(io);
  const scanOpts = { root: ws.root, maxFileSize, requireReason: ws.config.requireReason };
  const results = await scanFiles(walk.files, {
    init: { rules: rulesOpts, scan: scanOpts },
    ruleSet: loaded.ruleSet,
    workerScript: path.join(__dirname, 'scanWorker.js'),
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.clear();
  const minSeverity = ws.config.minSeverity;
  if (minSeverity) for (const r of results) r.findings = r.findings.filter((f) => atLeastSeverity(f.severity, minSeverity));
  const problems: Problem[] = [...ws.problems, ...loaded.problems, ...results.flatMap((r) => r.problems)];
  const skipped = results.filter((r) => r.skipped);
  if (args.verbose) {
    for (const r of skipped) io.err(`skipped ${r.path}: ${r.skipped!.detail}\n`);
  }
  for (const r of results) for (const p of r.problems) io.err(formatProblem(p) + '\n');
  // Query errors surface when a grammar is first used (in the thread that scanned such a file). Workers report them
  // in file problems; the in-process copy covers small scans. Each is named once.
  const queryProblems = results.flatMap((r) => r.problems).filter((p) => p.severity === 'error');
  if (queryProblems.length) packErrors.push(...queryProblems);
  let rendered: string;
  if (args.format === 'sarif') {
    rendered = JSON.stringify(toSarif(results.filter((r) => !r.skipped), loaded.ruleSet.rules, { version: VERSION, rootUri: pathToFileURL(ws.root).href }), null, 2);
  } else if (args.format === 'json') {
    rendered = formatJson(results, problems);
  } else {
    rendered = formatText(results, io.color && !args.output);
  }
  const active = results.flatMap((r) => r.findings.filter((f) => !f.suppression));
  const suppressed = results.reduce((n, r) => n + r.findings.filter((f) => f.suppression).length, 0);
  if (args.output) fs.writeFileSync(path.resolve(io.cwd, args.output), rendered + '\n');
  else if (rendered) io.out(rendered + '\n');
  const counts = new Map<string, number>();
  for (const f of active) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const summary = ['critical', 'high', 'medium', 'low', 'info'].filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`).join(', ');
  io.err(
    `vigil: ${results.length - skipped.length} files scanned, ${skipped.length} skipped, ${walk.excluded} excluded; ` +
      `${active.length} finding(s)${summary ? ` (${summary})` : ''}${suppressed ? `, ${suppressed} suppressed` : ''}\n`,
  );
  if (packErrors.length) return 2;
  if (args.failOn === 'none') return 0;
  return active.some((f) => atLeastSeverity(f.severity, args.failOn as Exclude<typeof args.failOn, 'none'>)) ? 1 : 0;
}
