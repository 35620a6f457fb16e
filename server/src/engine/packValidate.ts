// Validates a parsed pack against rules/schema.json and turns schema errors into file:line:column problems with hints.
import Ajv, { type ErrorObject } from 'ajv';
import type { Problem } from './types';
import { locate, type ParsedYaml } from './yamlSource';

let validator: ReturnType<Ajv['compile']> | undefined;
let schemaCache: object | undefined;

export function setSchema(schema: object): void {
  if (schema !== schemaCache) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    validator = ajv.compile(schema);
    schemaCache = schema;
  }
}

function pathOf(err: ErrorObject): Array<string | number> {
  return err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

export function closest(word: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word, o);
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function describe(err: ErrorObject): { message: string; key?: string } {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys(((err.parentSchema as { properties?: object })?.properties ?? {}) as object);
      const hint = closest(key, allowed);
      return { message: `unknown key "${key}"${hint ? ` (did you mean "${hint}")` : ` (allowed: ${allowed.join(', ')})`}`, key };
    }
    case 'required':
      return { message: `missing required key "${p.missingProperty}"` };
    case 'enum':
      return { message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(err.data)}` };
    case 'pattern':
      return { message: `${JSON.stringify(err.data)} does not match the expected form ${p.pattern}` };
    case 'type':
      return { message: `must be ${p.type}, not ${Array.isArray(err.data) ? 'a list' : typeof err.data}` };
    case 'oneOf':
      return { message: 'a pattern needs exactly one of "regex", "query" or "config"' };
    case 'minItems':
      return { message: `needs at least ${p.limit} item(s)` };
    default:
      return { message: err.message ?? err.keyword };
  }
}

/** Validates `parsed.value`; returns one problem per distinct schema violation, most specific first. */
export function validatePack(parsed: ParsedYaml, file: string): Problem[] {
  if (!validator) throw new Error('setSchema() was not called');
  if (validator(parsed.value)) return [];
  const errors = (validator.errors ?? []).filter((e) => e.keyword !== 'if');
  // oneOf reports every branch's failure too; when a branch-specific error exists at a deeper path, keep that instead.
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const err of errors) {
    if (err.keyword === 'required' && errors.some((o) => o.keyword === 'oneOf' && o.instancePath === err.instancePath)) continue;
    // A misspelt key ("severty") also leaves its real key missing; report it once, as the misspelling.
    if (err.keyword === 'required') {
      const missing = String((err.params as { missingProperty: string }).missingProperty);
      const misspelt = errors.some((o) => o.keyword === 'additionalProperties' && o.instancePath === err.instancePath && closest(String((o.params as { additionalProperty: string }).additionalProperty), [missing]) === missing);
      if (misspelt) continue;
    }
    const path = pathOf(err);
    const { message, key } = describe(err);
    const where = key !== undefined ? locate(parsed, [...path, key], true) : locate(parsed, path);
    const id = `${where.line}:${where.column}:${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ file, line: where.line, column: where.column, message, severity: 'error' });
  }
  return problems;
}
