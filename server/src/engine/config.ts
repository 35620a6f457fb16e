// Reads and validates the workspace file .vigil/config.yaml, shared by the editor and the CLI.
import * as path from 'path';
import Ajv from 'ajv';
import type { Confidence, HelpDestination, Problem, Severity } from './types';
import type { RuleOverride } from './ruleSet';
import { parseYamlText, locate } from './yamlSource';
import { readFileLimited, exists } from './nodeFs';
import { closest } from './packValidate';

/** A pack source: a path (string), or an object naming a path, an npm package or a pinned URL. */
export type PackSource = string | { path?: string; npm?: string; url?: string; sha256?: string };

export interface VigilConfig {
  /** Load the built-in packs (default true). */
  builtin?: boolean;
  packs?: PackSource[];
  exclude?: string[];
  minSeverity?: Severity;
  minConfidence?: Confidence;
  maxFileSize?: number;
  overrides?: Record<string, RuleOverride>;
  disablePacks?: string[];
  conflicts?: Record<string, string>;
  requireReason?: boolean;
  help?: HelpDestination;
  /** Team public keys (PEM or base64 raw Ed25519) that remote packs must be signed with. */
  trust?: string[];
}

const sev = { enum: ['critical', 'high', 'medium', 'low', 'info'] };
const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    builtin: { type: 'boolean' },
    packs: {
      type: 'array',
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object', additionalProperties: false,
            properties: { path: { type: 'string' }, npm: { type: 'string' }, url: { type: 'string' }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          },
        ],
      },
    },
    exclude: { type: 'array', items: { type: 'string' } },
    minSeverity: sev,
    minConfidence: { enum: ['high', 'medium', 'low'] },
    maxFileSize: { type: 'integer', minimum: 1 },
    overrides: {
      type: 'object',
      additionalProperties: {
        type: 'object', additionalProperties: false,
        properties: { enabled: { type: 'boolean' }, severity: sev, exclude: { type: 'array', items: { type: 'string' } } },
      },
    },
    disablePacks: { type: 'array', items: { type: 'string' } },
    conflicts: { type: 'object', additionalProperties: { type: 'string' } },
    requireReason: { type: 'boolean' },
    help: { type: 'object', required: ['provider'], properties: { provider: { enum: ['redmine', 'github', 'gitlab', 'jira', 'webhook', 'browser'] } } },
    trust: { type: 'array', items: { type: 'string' } },
  },
};
const validate = new Ajv({ allErrors: true, verbose: true, strict: false }).compile(CONFIG_SCHEMA);

export function configPath(root: string): string {
  return path.join(root, '.vigil', 'config.yaml');
}

/** Parses config text; problems carry file:line:column. Invalid parts are dropped, the rest is used. */
export function parseConfigText(text: string, file: string): { config: VigilConfig; problems: Problem[] } {
  const parsed = parseYamlText(text);
  if (!('doc' in parsed)) return { config: {}, problems: [{ file, line: parsed.line, column: parsed.column, message: parsed.message, severity: 'error' }] };
  const value = (parsed.value ?? {}) as Record<string, unknown>;
  if (validate(value)) return { config: value as VigilConfig, problems: [] };
  const problems: Problem[] = [];
  const bad = new Set<string>();
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'anyOf') continue;
    const p = err.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let message = err.message ?? err.keyword;
    let where = locate(parsed, p);
    if (err.keyword === 'additionalProperties') {
      const key = String((err.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object }).properties ?? {});
      const hint = closest(key, allowed);
      message = `unknown key "${key}"${hint ? ` (did you mean "${hint}")` : ''}`;
      where = locate(parsed, [...p, key], true);
      if (p.length === 0) bad.add(key);
    } else if (err.keyword === 'enum') {
      message = `must be one of ${((err.params as { allowedValues: unknown[] }).allowedValues).join(', ')}`;
    }
    if (p.length > 0) bad.add(String(p[0]));
    problems.push({ file, line: where.line, column: where.column, message, severity: 'error' });
  }
  const config: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!bad.has(k)) config[k] = v;
  return { config: config as VigilConfig, problems };
}

export function loadWorkspaceConfig(root: string, file = configPath(root)): { config: VigilConfig; problems: Problem[] } {
  if (!exists(file)) return { config: {}, problems: [] };
  const read = readFileLimited(file, 1024 * 1024);
  if (!read.ok) return { config: {}, problems: [{ file, message: `cannot read config: ${read.error}`, severity: 'error' }] };
  return parseConfigText(read.data.toString('utf8'), file);
}
