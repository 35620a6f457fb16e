// Loads rule packs from files and folders: parse, validate, resolve guidance, compile. Errors become problems, never throws.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { PackManifest, Problem, Rule } from './types';
import { parseYamlText, locate, type ParsedYaml } from './yamlSource';
import { setSchema, validatePack } from './packValidate';
import { compileRule, type CompiledRule } from './compile';
import { QueryBank } from './queryBank';
import { isDirectory, readFileLimited } from './nodeFs';
import { decodeText } from './textDecode';

/** Packs are small data files; anything bigger is refused before it is read. */
export const MAX_PACK_BYTES = 5 * 1024 * 1024;

export interface LoadedPack {
  manifest: PackManifest;
  rules: CompiledRule[];
  source: string;
  /** The pack file(s) this pack came from. */
  files: string[];
  /** The pack's tree-sitter queries, compiled lazily per grammar. */
  bank: QueryBank;
  problems: Problem[];
}

let schemaLoaded = false;
export function ensureSchema(rulesDir: string): void {
  if (schemaLoaded) return;
  const file = path.join(rulesDir, 'schema.json');
  setSchema(JSON.parse(fs.readFileSync(file, 'utf8')));
  schemaLoaded = true;
}

/** The pack files inside a folder: pack.yaml/pack.json if present, else every .yaml/.yml/.json file at its top level. */
export function packFilesIn(dir: string): string[] {
  for (const name of ['pack.yaml', 'pack.yml', 'pack.json']) {
    if (fs.existsSync(path.join(dir, name))) return [path.join(dir, name)];
  }
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((n) => /\.(ya?ml|json)$/i.test(n) && n !== 'schema.json').sort();
  } catch {
    return [];
  }
  return names.map((n) => path.join(dir, n)).filter((f) => fs.statSync(f).isFile());
}

/** Loads every pack at `p` (a pack file, or a folder of packs). */
export function loadPackPath(p: string): { packs: LoadedPack[]; problems: Problem[] } {
  if (!fs.existsSync(p)) return { packs: [], problems: [{ file: p, message: 'rule pack not found', severity: 'error' }] };
  const files = isDirectory(p) ? packFilesIn(p) : [p];
  if (files.length === 0) return { packs: [], problems: [{ file: p, message: 'folder holds no rule pack (pack.yaml or *.yaml)', severity: 'error' }] };
  const packs: LoadedPack[] = [];
  const problems: Problem[] = [];
  for (const f of files) {
    const r = loadPackFile(f);
    problems.push(...r.problems);
    if (r.pack) packs.push(r.pack);
  }
  return { packs, problems };
}

export function loadPackFile(file: string, source = file): { pack?: LoadedPack; problems: Problem[] } {
  const read = readFileLimited(file, MAX_PACK_BYTES);
  if (!read.ok) return { problems: [{ file, message: `cannot read rule pack: ${read.error}`, severity: 'error' }] };
  const decoded = decodeText(read.data);
  if ('error' in decoded) return { problems: [{ file, message: `cannot read rule pack: ${decoded.error}`, severity: 'error' }] };
  if (decoded.warning) return { problems: [{ file, message: `cannot read rule pack: ${decoded.warning}`, severity: 'error' }] };
  return loadPackText(decoded.text, file, source);
}

export function loadPackText(text: string, file: string, source = file): { pack?: LoadedPack; problems: Problem[] } {
  const parsed = parseYamlText(text);
  if (!('doc' in parsed)) return { problems: [{ file, line: parsed.line, column: parsed.column, message: parsed.message, severity: 'error' }] };
  const problems = validatePack(parsed, file);
  const value = parsed.value as { pack?: PackManifest; rules?: Rule[] };
  // Problems outside a rule (the manifest, the top level) make the whole pack unusable; a broken rule only skips itself.
  const ruleErrorAt = (pr: Problem) => ruleIndexAt(parsed, pr);
  const fatal = problems.some((pr) => ruleErrorAt(pr) === undefined);
  if (fatal || !value?.pack || !Array.isArray(value.rules)) return { problems };
  const brokenRules = new Set(problems.map(ruleErrorAt));
  const manifest = value.pack;
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  const bank = new QueryBank();
  value.rules.forEach((raw, i) => {
    if (brokenRules.has(i)) return;
    const at = (p: Array<string | number>, message: string) => {
      const where = locate(parsed, ['rules', i, ...p]);
      problems.push({ file, line: where.line, column: where.column, message: `${raw.id}: ${message}`, severity: 'error' });
    };
    if (!raw.id.startsWith(manifest.id + '/')) return at(['id'], `rule id must start with the pack id "${manifest.id}/"`);
    if (seen.has(raw.id)) return at(['id'], 'duplicate rule id in this pack');
    seen.add(raw.id);
    const guidance = resolveGuidance(raw.guidance, file);
    if ('error' in guidance) return at(['guidance'], guidance.error);
    const cc = { bank, file, locate: (p: Array<string | number>) => locate(parsed, ['rules', i, ...p]) };
    const { rule, errors } = compileRule({ ...raw, guidance: guidance.markdown, helpUri: guidance.uri, packId: manifest.id }, cc);
    for (const e of errors) at(e.path, e.message);
    if (rule) rules.push(rule);
  });
  return { pack: { manifest, rules, source, files: [file], bank, problems: [...problems] }, problems };
}

function ruleIndexAt(parsed: ParsedYaml, pr: Problem): number | undefined {
  const rules = (parsed.value as { rules?: unknown[] }).rules;
  if (!Array.isArray(rules) || pr.line === undefined) return undefined;
  // Find the rule whose start line is the last one at or before the problem line.
  let found: number | undefined;
  for (let i = 0; i < rules.length; i++) {
    const start = locate(parsed, ['rules', i]).line;
    if (start <= pr.line) found = i;
    else break;
  }
  return found;
}

function resolveGuidance(g: string, packFile: string): { markdown: string; uri: string } | { error: string } {
  const looksLikePath = !g.includes('\n') && /\.md$/i.test(g.trim());
  if (!looksLikePath) return { markdown: g, uri: pathToFileURL(packFile).href };
  const p = path.resolve(path.dirname(packFile), g.trim());
  const read = readFileLimited(p, 1024 * 1024);
  if (!read.ok) return { error: `guidance page ${g}: ${read.error}` };
  return { markdown: read.data.toString('utf8'), uri: pathToFileURL(p).href };
}
