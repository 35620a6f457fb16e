// `vigil packs init <dir>`: scaffolds a team pack (manifest, one example rule, its guidance and fixture, a README)
// that passes `vigil test <dir>` as created, so authors start from something green.
import * as fs from 'fs';
import * as path from 'path';

/** A pack id from a folder name: lowercase letters, digits and dashes, as the schema requires. */
export function packIdFrom(name: string): string {
  const id = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-');
  return /^[a-z0-9]/.test(id) ? id : `team${id ? '-' + id : ''}`;
}

export function scaffoldFiles(id: string): Record<string, string> {
  const name = 'no-logging-request-data';
  const rule = `${id}/${name}`;
  return {
    'pack.yaml': `# Rule pack "${id}". Format: rules/FORMAT.md in the Vigil repository; schema: rules/schema.json.
pack:
  id: ${id}
  version: 0.1.0
  description: Security rules for our team's code
  # help:                      # optional: where Ask for Help files tickets about this pack's findings
  #   provider: github
  #   url: https://github.com/our-org/security
rules:
  - id: ${rule}
    title: Request body, headers or cookies written to a log
    message: This logs the whole request body, headers or cookies, which carry passwords, session tokens and personal data. Log only the fields you need, redacted.
    severity: medium
    confidence: medium
    languages: [javascript, typescript, javascriptreact, typescriptreact]
    cwe: [CWE-532]
    owasp: [A09:2021]
    anchors: [req, request]
    patterns:
      # A structural (tree-sitter) pattern: only real calls match, never comments or strings.
      - query: |
          (call_expression
            function: (member_expression
              property: (property_identifier) @method (#any-of? @method "log" "info" "debug" "warn" "error" "trace"))
            arguments: (arguments
              (member_expression
                object: (identifier) @req (#any-of? @req "req" "request")
                property: (property_identifier) @field (#any-of? @field "body" "headers" "cookies")))) @match
    guidance: guidance/${name}.md
    references:
      - https://cwe.mitre.org/data/definitions/532.html
`,
    [`guidance/${name}.md`]: `# Request body, headers or cookies written to a log

**Why it matters.** Logs are copied to many places (log shippers, dashboards, support tickets) and kept for a long
time, usually with weaker access control than the application's data. A request's body, headers and cookies carry
passwords, session cookies, bearer tokens and personal data; logging them whole leaks those secrets (CWE-532).

**How to fix.** Log the few fields you need, and redact anything secret:

\`\`\`js
logger.info('login attempt', { user: req.body.username, ip: req.ip });
\`\`\`

**When it is safe.** Logging a single, non-secret field (\`req.body.username\`, \`req.headers['user-agent']\`) is not
reported.
`,
    [`fixtures/${name}.js`]: `// Fixture for ${rule}: "ruleid:" marks a line that must be reported, "ok:" one that must not.
function login(req, res, logger) {
  // ruleid: ${rule}
  console.log(req.body);
  // ruleid: ${rule}
  logger.info('login attempt', req.headers);
  // ok: ${rule}
  logger.info('login attempt', req.body.username);
  // ok: ${rule}
  console.log('body size', req.body.length);
  // ok: ${rule}
  res.send(req.body);
}
`,
    'README.md': `# ${id} rule pack

Rules our team checks in the editor (Vigil extension) and in CI (\`vigil scan\`).

## Add a rule
1. Add an entry under \`rules:\` in \`pack.yaml\`. Its id starts with \`${id}/\`. Prefer \`query:\` (structural) patterns
   over \`regex:\`; they tell calls, strings and comments apart.
2. Write \`guidance/<rule>.md\`: why it matters, how to fix, when it is safe.
3. Add a fixture in \`fixtures/\` with at least one \`ruleid:\` and one \`ok:\` case (a look-alike that must not be
   reported). A rule with a \`fix:\` also needs \`<name>.fixed.<ext>\`.

## Check it
    vigil packs validate .     # schema problems with file:line:column and a hint
    vigil test .               # runs the fixtures

## Publish it
Bump \`version\` in \`pack.yaml\`, build an archive (\`npm pack\` or \`tar czf ${id}-<version>.tgz ...\`), sign it with
\`vigil packs sign --key <private key> <archive>\`, and publish the archive and its \`.sig\` side by side.
Teams pin it in \`.vigil/config.yaml\` by URL and sha256.
`,
  };
}

/** Writes the scaffold; refuses to overwrite any existing file. Returns the files written (relative). */
export function scaffoldPack(dir: string, id: string): { written: string[] } | { error: string } {
  const files = scaffoldFiles(id);
  const clash = Object.keys(files).filter((f) => fs.existsSync(path.join(dir, f)));
  if (clash.length) return { error: `${dir} already holds ${clash.join(', ')}; choose an empty folder` };
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return { written: Object.keys(files) };
}
