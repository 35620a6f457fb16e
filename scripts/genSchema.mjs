// Generates rules/schema.json (the JSON Schema for rule packs). Run: node scripts/genSchema.mjs
import { writeFileSync } from 'node:fs';

const str = { type: 'string', minLength: 1 };
const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const captureCondition = {
  type: 'object', additionalProperties: false, required: ['capture'],
  properties: {
    capture: { ...str, description: 'The capture (tree-sitter @name or regex named group) the condition applies to.' },
    regex: { ...str, description: "The capture's text must match this regex." },
    'not-regex': { ...str, description: "The capture's text must not match this regex." },
    type: { type: 'array', items: str, description: "The capture's node type must be one of these." },
    'not-type': { type: 'array', items: str, description: "The capture's node type must not be one of these." },
    literal: { type: 'boolean', description: 'true: the capture is a constant literal; false: it is not.' },
    'constant-ok': { type: 'boolean', description: 'Treat an identifier bound once to a constant literal in this file as a literal.' },
  },
};
const configPattern = {
  type: 'object', additionalProperties: false, required: ['path'],
  properties: {
    path: { ...str, description: 'Dotted key path; * matches any key or array item, ** any depth.' },
    equals: scalar, 'not-equals': scalar,
    in: { type: 'array', items: scalar },
    regex: str, 'not-regex': str,
    absent: { type: 'boolean', description: 'Match when the key is absent (reported on the parent object).' },
    gte: { type: 'number', description: 'The value is a number (or numeric string) greater than or equal to this.' },
    lte: { type: 'number', description: 'The value is a number (or numeric string) less than or equal to this.' },
    when: { type: 'array', items: { $ref: '#/definitions/configPattern' }, description: 'Document-level conditions, resolved from the document root; all must hold.' },
    has: { type: 'array', items: { $ref: '#/definitions/configPattern' }, description: "Conditions relative to each node that path selects (e.g. its Type); all must hold. absent: true holds when the key is missing there." },
    report: { ...str, description: 'A key path under the selected node to report on when it exists (e.g. CidrIp); otherwise the selected key.' },
  },
};
const pattern = {
  type: 'object', additionalProperties: false,
  properties: {
    regex: { ...str, description: 'A linear-time JavaScript regex (no backreferences or lookaround).' },
    flags: { type: 'string', pattern: '^[ims]*$' },
    scope: { enum: ['code', 'comment', 'string', 'any'], description: 'Where a regex may match (default code).' },
    query: { ...str, description: 'A tree-sitter query; @match (or the first capture) is reported.' },
    config: { $ref: '#/definitions/configPattern' },
    where: { type: 'array', items: { $ref: '#/definitions/captureCondition' } },
    report: { ...str, description: 'For regex: the named group whose range is reported.' },
  },
  oneOf: [{ required: ['regex'] }, { required: ['query'] }, { required: ['config'] }],
};
const patterns = { type: 'array', items: { $ref: '#/definitions/pattern' } };
const help = {
  type: 'object', required: ['provider'],
  properties: {
    provider: { enum: ['redmine', 'github', 'gitlab', 'jira', 'webhook', 'browser'] },
    url: { type: 'string' }, project: { type: 'string' },
  },
};
const rule = {
  type: 'object', additionalProperties: false,
  required: ['id', 'title', 'message', 'severity', 'confidence', 'languages', 'cwe', 'owasp', 'patterns', 'guidance'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$', description: 'Stable namespaced id: <pack>/<rule>.' },
    title: str,
    message: str,
    severity: { enum: ['critical', 'high', 'medium', 'low', 'info'] },
    confidence: { enum: ['high', 'medium', 'low'] },
    languages: { type: 'array', minItems: 1, items: str, description: "VS Code language ids, or '*' for any file." },
    include: { type: 'array', items: str },
    exclude: { type: 'array', items: str },
    cwe: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^CWE-[0-9]+$' } },
    owasp: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^A(0[1-9]|10):20(17|21)$' } },
    patterns: { ...patterns, minItems: 1 },
    not: patterns, inside: patterns, 'not-inside': patterns, 'same-line': patterns, 'not-same-line': patterns,
    anchors: { type: 'array', items: str, description: 'Literal strings; files containing none of them are skipped.' },
    fix: {
      type: 'object', additionalProperties: false, required: ['replace'],
      properties: { replace: { type: 'string' }, target: str, title: str },
    },
    guidance: { ...str, description: 'Markdown, or a path (relative to the pack file) to a .md page.' },
    references: { type: 'array', items: str },
  },
};
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vigil.dev/schemas/rule-pack.json',
  title: 'Vigil rule pack',
  type: 'object', additionalProperties: false, required: ['pack', 'rules'],
  properties: {
    pack: {
      type: 'object', additionalProperties: false, required: ['id', 'version', 'description'],
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
        version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?$' },
        description: str,
        help,
      },
    },
    rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
  },
  definitions: { rule, pattern, configPattern, captureCondition },
};
writeFileSync(new URL('../rules/schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
