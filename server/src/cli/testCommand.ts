// `vigil test`: runs the annotated fixtures of rule packs and checks every rule has guidance and both kinds of case.
import * as fs from 'fs';
import * as path from 'path';
import { buildRuleSet, builtinPackDirs, checkFixture, decodeText, defaultRulesDir, initEngine, languageForPath, loadPackPath, type FixtureFailure } from '../engine';
import { listFiles } from '../engine/nodeFs';
import { ensureSchema } from '../engine/packLoader';
import { formatProblem } from './output';
import type { CliIO } from './io';

/** Fixtures of a pack: `<pack>/fixtures`, or for a built-in pack `test/fixtures/<pack folder>` in the repository. */
export function fixtureDirFor(packDir: string): string | undefined {
  const own = path.join(packDir, 'fixtures');
  if (fs.existsSync(own)) return own;
  const repoFixtures = path.join(path.dirname(path.dirname(packDir)), 'test', 'fixtures', path.basename(packDir));
  return fs.existsSync(repoFixtures) ? repoFixtures : undefined;
}

export async function runTest(argv: string[], io: CliIO): Promise<number> {
  await initEngine();
  const rulesDir = defaultRulesDir();
  ensureSchema(rulesDir);
  const dirs = argv.length ? argv.map((a) => path.resolve(io.cwd, a)) : builtinPackDirs(rulesDir);
  let passed = 0;
  const failures: Array<FixtureFailure | { file: string; line: number; message: string }> = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) {
      io.err(`vigil: pack not found: ${dir}\n`);
      return 2;
    }
    const packDir = fs.statSync(dir).isDirectory() ? dir : path.dirname(dir);
    const loaded = loadPackPath(dir);
    for (const p of loaded.problems) failures.push({ file: p.file, line: p.line ?? 1, message: formatProblem(p) });
    if (loaded.packs.length === 0) continue;
    const { ruleSet } = buildRuleSet(loaded.packs, {});
    for (const p of ruleSet.compileAllQueries()) failures.push({ file: p.file, line: p.line ?? 1, message: formatProblem(p) });
    const ruleIds = new Set(loaded.packs.flatMap((p) => p.rules.map((r) => r.id)));
    const fixtureDir = fixtureDirFor(packDir);
    const ruleidSeen = new Set<string>();
    const okSeen = new Set<string>();
    const fixedSeen = new Set<string>();
    const files = fixtureDir ? listFiles(fixtureDir).filter((f) => !/\.fixed\.[^./]+$/.test(f) && !f.endsWith('.md')) : [];
    for (const file of files) {
      const languageId = languageForPath(file) ?? 'plaintext';
      const decoded = decodeText(fs.readFileSync(file));
      if ('error' in decoded) continue;
      const fixedPath = file.replace(/(\.[^./]+)$/, '.fixed$1');
      const fixed = fs.existsSync(fixedPath) ? fs.readFileSync(fixedPath, 'utf8') : undefined;
      const rel = path.relative(fixtureDir!, file).split(path.sep).join('/');
      const display = path.relative(io.cwd, file);
      const r = checkFixture(display, decoded.text, languageId, ruleSet, ruleIds, rel, fixed);
      passed += r.passed;
      failures.push(...r.failures);
      r.ruleidSeen.forEach((id) => ruleidSeen.add(id));
      r.okSeen.forEach((id) => okSeen.add(id));
      if (fixed !== undefined) for (const id of r.ruleidSeen) fixedSeen.add(id);
    }
    // Hygiene: each rule has guidance, a ruleid: case, an ok: case, and a .fixed file when it has a fix.
    for (const pack of loaded.packs) {
      for (const rule of pack.rules) {
        const where = { file: path.relative(io.cwd, pack.files[0]), line: 1 };
        const missing: string[] = [];
        if (!rule.guidance.trim()) missing.push('guidance');
        if (!ruleidSeen.has(rule.id)) missing.push('a ruleid: fixture case');
        if (!okSeen.has(rule.id)) missing.push('an ok: fixture case');
        if (rule.fix && !fixedSeen.has(rule.id)) missing.push('a .fixed fixture for its fix');
        if (missing.length) failures.push({ ...where, message: `${rule.id} has no ${missing.join(', no ')}` });
        else passed++;
      }
    }
  }
  for (const f of failures) {
    const msg = 'kind' in f ? `${f.file}:${f.line}: ${f.message}` : f.message.startsWith(f.file) ? f.message : `${f.file}:${f.line}: ${f.message}`;
    io.out(msg + '\n');
  }
  io.out(`${passed} passed, ${failures.length} failed\n`);
  return failures.length ? 1 : 0;
}
