// A workspace for override and conflict tests: three packs (one rule id defined twice) and files that trigger each rule.
import * as path from 'node:path';
import { packYaml, tmpDir, write } from './helpers';

export const PACKS_CONFIG = 'builtin: false\npacks:\n  - packs/alpha\n  - packs/beta\n  - packs/dup-one\n  - packs/dup-two\n';

/** Creates the workspace (without .vigil/config.yaml) and returns its root. */
export function overridesWorkspace(): string {
  const ws = tmpDir('vigil-overrides-');
  const rule = (id: string, name: string, needle: string, severity: string, confidence: string) =>
    packYaml(id, { name, needle, severity, confidence }).split('rules:\n')[1];
  write(
    path.join(ws, 'packs', 'alpha', 'pack.yaml'),
    packYaml('alpha', { name: 'high-conf', needle: 'alpha_hi' }) + rule('alpha', 'medium-conf', 'alpha_med', 'medium', 'medium') + rule('alpha', 'low-conf', 'alpha_lo', 'low', 'low'),
  );
  write(path.join(ws, 'packs', 'beta', 'pack.yaml'), packYaml('beta', { needle: 'beta_danger', severity: 'medium' }));
  write(path.join(ws, 'packs', 'dup-one', 'pack.yaml'), packYaml('dup', { needle: 'dup_danger', severity: 'high', version: '1.0.0' }));
  write(path.join(ws, 'packs', 'dup-two', 'pack.yaml'), packYaml('dup', { needle: 'dup_danger', severity: 'low', version: '2.0.0' }));
  write(path.join(ws, 'src', 'app.js'), ['alpha_hi', 'alpha_med', 'alpha_lo', 'beta_danger', 'dup_danger'].map((n) => `${n}(input);`).join('\n') + '\n');
  write(path.join(ws, 'src', 'legacy', 'old.js'), 'alpha_hi(input);\n');
  return ws;
}

export interface OverrideCase {
  name: string;
  /** YAML appended to PACKS_CONFIG. */
  config: string;
  /** Expected findings as "<path> <rule id> <severity>", sorted. */
  findings: string[];
  /** Each must match one problem message. */
  problems?: RegExp[];
  /** None may match any problem message. */
  noProblems?: RegExp[];
}

const ALL = ['src/app.js alpha/high-conf high', 'src/app.js alpha/medium-conf medium', 'src/app.js beta/bad-call medium', 'src/legacy/old.js alpha/high-conf high'];

export const OVERRIDE_CASES: OverrideCase[] = [
  {
    name: 'no overrides: low confidence hidden, the later of two packs wins a conflict, which is reported',
    config: '',
    findings: [...ALL, 'src/app.js dup/bad-call low'],
    problems: [/rule dup\/bad-call is defined by packs dup \(.*dup-one\/pack\.yaml\) and dup \(.*dup-two\/pack\.yaml\); using the one from .*dup-two.*to choose, set conflicts:/],
  },
  {
    name: 'disable a rule',
    config: 'overrides:\n  alpha/high-conf: { enabled: false }\n',
    findings: ['src/app.js alpha/medium-conf medium', 'src/app.js beta/bad-call medium', 'src/app.js dup/bad-call low'],
  },
  {
    name: 'disable a pack',
    config: 'disablePacks: [beta]\n',
    findings: ['src/app.js alpha/high-conf high', 'src/app.js alpha/medium-conf medium', 'src/app.js dup/bad-call low', 'src/legacy/old.js alpha/high-conf high'],
  },
  {
    name: 'change a severity',
    config: 'overrides:\n  beta/bad-call: { severity: critical }\n  alpha/high-conf: { severity: info }\n',
    findings: ['src/app.js alpha/high-conf info', 'src/app.js alpha/medium-conf medium', 'src/app.js beta/bad-call critical', 'src/app.js dup/bad-call low', 'src/legacy/old.js alpha/high-conf info'],
  },
  {
    name: 'per-rule exclude globs',
    config: 'overrides:\n  alpha/high-conf: { exclude: ["src/legacy/**"] }\n',
    findings: ['src/app.js alpha/high-conf high', 'src/app.js alpha/medium-conf medium', 'src/app.js beta/bad-call medium', 'src/app.js dup/bad-call low'],
  },
  {
    name: 'minConfidence low shows low-confidence rules',
    config: 'minConfidence: low\n',
    findings: [...ALL, 'src/app.js alpha/low-conf low', 'src/app.js dup/bad-call low'],
  },
  {
    name: 'minConfidence high hides medium-confidence rules',
    config: 'minConfidence: high\n',
    findings: ['src/app.js alpha/high-conf high', 'src/app.js beta/bad-call medium', 'src/app.js dup/bad-call low', 'src/legacy/old.js alpha/high-conf high'],
  },
  {
    name: 'conflicts: picks the earlier pack by its path',
    config: 'conflicts:\n  dup/bad-call: packs/dup-one\n',
    findings: [...ALL, 'src/app.js dup/bad-call high'],
    problems: [/rule dup\/bad-call is defined by packs .*; using the one from .*dup-one/],
    noProblems: [/to choose/],
  },
  {
    name: 'conflicts: naming neither pack is reported and the default applies',
    config: 'conflicts:\n  dup/bad-call: packs/elsewhere\n',
    findings: [...ALL, 'src/app.js dup/bad-call low'],
    problems: [/conflicts: names "packs\/elsewhere", which is neither source/],
  },
  {
    name: 'an override for an unknown rule is reported',
    config: 'overrides:\n  alpha/no-such-rule: { enabled: false }\n',
    findings: [...ALL, 'src/app.js dup/bad-call low'],
    problems: [/override names unknown rule "alpha\/no-such-rule"/],
  },
];
