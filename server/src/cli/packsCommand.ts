// `vigil packs <sub-command>`: list, fetch, lock, verify, sign, keygen, validate and init team rule packs.
//
// Exit codes: 0 success; 1 the check failed (validation problems, lock drift, a pack that did not load); 2 usage
// errors or an unusable workspace. Other packs keep loading when one is refused, so `list` still shows them.
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, type ParseArgsConfig } from 'util';
import { initEngine, loadPackPath, loadRuleSet, defaultRulesDir } from '../engine';
import { ensureSchema } from '../engine/packLoader';
import { defaultPackCacheDir } from '../engine/packs/cache';
import { generateKeyPair, parsePrivateKey, signBytes } from '../engine/packs/signature';
import { UsageError } from './options';
import { formatProblem } from './output';
import { resolveWorkspace } from './workspace';
import { ensurePacksFetched, fetchPack } from './packsFetch';
import { computeLock, diffLocks, formatLock, lockPath, readLock } from './packsLock';
import { packIdFrom, scaffoldPack } from './packsInit';
import { hintFor } from './packsValidate';
import type { CliIO } from './io';

type Values = Record<string, string | boolean | string[] | undefined>;

function parse(argv: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Values; positionals: string[] } {
  try {
    const r = parseArgs({ args: argv, allowPositionals: true, options });
    return { values: r.values as Values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function workspace(values: Values, io: CliIO) {
  const ws = resolveWorkspace('.', io.cwd, values.config as string | undefined);
  for (const p of ws.problems) io.err(formatProblem(p) + '\n');
  return ws;
}

const cacheDir = (): string => defaultPackCacheDir();

async function list(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { config: { type: 'string', short: 'c' }, json: { type: 'boolean' }, 'no-builtin': { type: 'boolean' } });
  const ws = workspace(values, io);
  await initEngine();
  const loaded = loadRuleSet({ workspaceRoot: ws.root, config: ws.config, builtinDir: values['no-builtin'] ? false : undefined });
  const problems = [...ws.problems, ...loaded.problems];
  if (values.json) io.out(JSON.stringify({ packs: loaded.packs, rules: loaded.ruleSet.rules.map((r) => ({ id: r.id, severity: r.severity, confidence: r.confidence })), problems }, null, 2) + '\n');
  else {
    for (const p of loaded.packs) {
      io.out(`${p.id}@${p.version}  ${p.ruleCount} rule(s)  ${p.source}${p.verification ? `  [${p.verification}]` : ''}\n`);
      for (const e of p.errors) io.out(`  ${formatProblem(e)}\n`);
    }
    for (const pr of loaded.problems) io.err(formatProblem(pr) + '\n');
  }
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

async function fetchAll(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { config: { type: 'string', short: 'c' } });
  const ws = workspace(values, io);
  let failed = 0;
  for (const src of ws.config.packs ?? []) {
    if (typeof src === 'string' || src.url === undefined) continue;
    const r = await fetchPack(src.url, src.sha256, cacheDir());
    if (r.status === 'error') {
      failed++;
      io.err(`vigil: ${r.error}\n`);
    } else io.out(`${r.status} ${src.url} (sha256 ${src.sha256}${r.signature ? ', with signature' : ''})${r.note ? `: ${r.note}` : ''}\n`);
  }
  return failed ? 1 : 0;
}

async function lock(argv: string[], io: CliIO, check: boolean): Promise<number> {
  const { values } = parse(argv, { config: { type: 'string', short: 'c' }, offline: { type: 'boolean' } });
  const ws = workspace(values, io);
  if (ws.problems.some((p) => p.severity === 'error')) return 2;
  await initEngine();
  ensureSchema(defaultRulesDir());
  if (!values.offline) for (const note of await ensurePacksFetched(ws.config.packs, cacheDir())) io.err(`vigil: ${note}\n`);
  const current = computeLock(ws.root, ws.config, cacheDir());
  for (const p of current.problems) io.err(formatProblem(p) + '\n');
  const file = lockPath(ws.root);
  if (!check) {
    if (current.problems.length) {
      io.err(`vigil: ${file} not written: fix the pack problems above first\n`);
      return 1;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, formatLock(current.lock));
    io.out(`wrote ${path.relative(io.cwd, file) || file}: ${current.lock.packs.length} pack source(s)\n`);
    return 0;
  }
  const locked = readLock(file);
  if ('error' in locked) {
    io.err(`vigil: ${locked.error}\n`);
    return 1;
  }
  const drift = diffLocks(locked.lock, current.lock);
  for (const d of drift) io.err(`drift: ${d}\n`);
  if (drift.length || current.problems.length) {
    io.err(`vigil: packs do not match ${path.relative(io.cwd, file) || file}; review the change, then run "vigil packs lock"\n`);
    return 1;
  }
  io.out(`packs match the lock: ${current.lock.packs.length} pack source(s)\n`);
  return 0;
}

function sign(argv: string[], io: CliIO): number {
  const { values, positionals } = parse(argv, { key: { type: 'string', short: 'k' } });
  if (!values.key) throw new UsageError('packs sign needs --key <ed25519 private key PEM file>');
  if (positionals.length === 0) throw new UsageError('packs sign needs the pack file or archive to sign');
  const keyFile = path.resolve(io.cwd, values.key as string);
  if (!fs.existsSync(keyFile)) throw new UsageError(`key file not found: ${values.key}`);
  const key = parsePrivateKey(fs.readFileSync(keyFile, 'utf8'));
  if ('error' in key) {
    io.err(`vigil: ${key.error}\n`);
    return 2;
  }
  for (const f of positionals) {
    const p = path.resolve(io.cwd, f);
    if (!fs.existsSync(p) || !fs.statSync(p).isFile()) {
      io.err(`vigil: ${f} is not a file; sign the pack file or the .tgz archive you publish\n`);
      return 2;
    }
    fs.writeFileSync(p + '.sig', signBytes(fs.readFileSync(p), key.key));
    io.out(`wrote ${f}.sig\n`);
  }
  return 0;
}

function keygen(argv: string[], io: CliIO): number {
  const { positionals } = parse(argv, {});
  if (positionals.length !== 1) throw new UsageError('packs keygen needs one name, e.g. vigil packs keygen team-signing');
  const base = path.resolve(io.cwd, positionals[0]);
  if (fs.existsSync(base + '.key')) {
    io.err(`vigil: ${positionals[0]}.key already exists\n`);
    return 2;
  }
  const k = generateKeyPair();
  fs.writeFileSync(base + '.key', k.privatePem, { mode: 0o600 });
  fs.writeFileSync(base + '.pub', k.publicPem);
  io.out(`wrote ${positionals[0]}.key (private: keep it secret, e.g. in your CI secret store) and ${positionals[0]}.pub (add to trust:), key ${k.fingerprint}\n`);
  return 0;
}

async function validate(argv: string[], io: CliIO): Promise<number> {
  const { positionals } = parse(argv, {});
  if (positionals.length === 0) throw new UsageError('packs validate needs a pack folder or file');
  await initEngine();
  ensureSchema(defaultRulesDir());
  let errors = 0;
  for (const dir of positionals) {
    const r = loadPackPath(path.resolve(io.cwd, dir));
    for (const p of r.problems) {
      const shown = { ...p, file: path.relative(io.cwd, p.file) || p.file };
      io.out(`${formatProblem(shown)}\n  hint: ${hintFor(p)}\n`);
      if (p.severity === 'error') errors++;
    }
    for (const pack of r.packs) io.out(`${dir}: pack ${pack.manifest.id}@${pack.manifest.version}, ${pack.rules.length} rule(s) loaded\n`);
  }
  io.out(errors ? `${errors} problem(s)\n` : 'no problems\n');
  return errors ? 1 : 0;
}

function init(argv: string[], io: CliIO): number {
  const { values, positionals } = parse(argv, { id: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('packs init needs one folder');
  const dir = path.resolve(io.cwd, positionals[0]);
  const id = (values.id as string | undefined) ?? packIdFrom(path.basename(dir));
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new UsageError(`pack id "${id}" must be lowercase letters, digits and dashes`);
  const r = scaffoldPack(dir, id);
  if ('error' in r) {
    io.err(`vigil: ${r.error}\n`);
    return 2;
  }
  for (const f of r.written) io.out(`created ${path.join(positionals[0], f)}\n`);
  io.out(`next: edit pack.yaml, then run "vigil packs validate ${positionals[0]}" and "vigil test ${positionals[0]}"\n`);
  return 0;
}

export async function runPacks(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'list':
      return list(rest, io);
    case 'fetch':
      return fetchAll(rest, io);
    case 'lock':
      return lock(rest, io, false);
    case 'verify':
      return lock(rest, io, true);
    case 'sign':
      return sign(rest, io);
    case 'keygen':
      return keygen(rest, io);
    case 'validate':
      return validate(rest, io);
    case 'init':
      return init(rest, io);
    default:
      throw new UsageError(sub ? `unknown packs command "${sub}"` : 'packs needs a command: list, fetch, lock, verify, sign, keygen, validate or init');
  }
}
