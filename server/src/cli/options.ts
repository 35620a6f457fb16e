// Parses `vigil` command-line arguments into typed options; usage errors carry a one-line message.
import { parseArgs } from 'util';
import { CONFIDENCES, SEVERITIES, type Confidence, type Severity } from '../engine';

export class UsageError extends Error {}

export const USAGE = `Usage:
  vigil scan [paths...] [--format text|json|sarif] [--output FILE] [--fail-on critical|high|medium|low|info|none]
             [--min-confidence high|medium|low] [--config FILE] [--rules PACK]... [--no-builtin]
             [--max-file-size BYTES] [--verbose]
                                   low-confidence (hygiene) rules are off unless asked for, as in the editor
  vigil test [packs...]            run the annotated fixtures of rule packs (default: the built-in packs)
  vigil packs validate <dir>       check a pack against the schema (file:line:column and a hint per problem)
  vigil packs init <dir> [--id ID] scaffold a team pack that passes vigil test
  vigil packs list [--json]        the packs this workspace loads, with source, version and verification
  vigil packs fetch                download pinned URL packs into the user cache
  vigil packs lock | verify [--offline]  write .vigil/packs.lock / fail (exit 1) when packs drift from it
  vigil packs sign --key KEY FILE  write FILE.sig (Ed25519); vigil packs keygen NAME makes a key pair
  vigil --version | --help`;

export interface ScanArgs {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity | 'none';
  config?: string;
  rules: string[];
  builtin: boolean;
  maxFileSize?: number;
  /** Overrides the config's minConfidence (default medium: low-confidence hygiene rules stay off). */
  minConfidence?: Confidence;
  verbose: boolean;
  help: boolean;
}

export function parseScanArgs(argv: string[]): ScanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string', default: 'high' },
        config: { type: 'string', short: 'c' },
        rules: { type: 'string', short: 'r', multiple: true, default: [] },
        'no-builtin': { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        'min-confidence': { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const format = v.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  const failOn = v['fail-on'] as string;
  if (failOn !== 'none' && !SEVERITIES.includes(failOn as Severity)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')} or none, not "${failOn}"`);
  const minConfidence = v['min-confidence'] as string | undefined;
  if (minConfidence !== undefined && !CONFIDENCES.includes(minConfidence as Confidence)) {
    throw new UsageError(`--min-confidence must be one of ${CONFIDENCES.join(', ')}, not "${minConfidence}"`);
  }
  let maxFileSize: number | undefined;
  if (v['max-file-size'] !== undefined) {
    maxFileSize = Number(v['max-file-size']);
    if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) throw new UsageError(`--max-file-size must be a positive number of bytes`);
  }
  return {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    format: format as ScanArgs['format'],
    output: v.output as string | undefined,
    failOn: failOn as ScanArgs['failOn'],
    config: v.config as string | undefined,
    rules: v.rules as string[],
    builtin: !v['no-builtin'],
    maxFileSize,
    minConfidence: minConfidence as Confidence | undefined,
    verbose: !!v.verbose,
    help: !!v.help,
  };
}
