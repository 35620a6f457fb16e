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
  const rule = `${id}/no-dynamic-document-write`;
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
    title: document.write() with content built at run time
    message: document.write() parses its argument as HTML; data that is not a constant can inject script (XSS). Build DOM nodes and set textContent instead.
    severity: medium
    confidence: medium
    languages: [javascript, typescript, javascriptreact, typescriptreact]
    cwe: [CWE-79]
    owasp: [A03:2021]
    anchors: [document]
    patterns:
      # A structural (tree-sitter) pattern: only real calls match, never comments or strings.
      - query: |
          (call_expression
            function: (member_expression
              object: (identifier) @obj (#eq? @obj "document")
              property: (property_identifier) @fn (#any-of? @fn "write" "writeln"))
            arguments: (arguments . (_) @arg)) @match
        where:
          - capture: arg
            literal: false       # a constant string is not reported
            constant-ok: true    # nor a variable bound once to a constant string
    guidance: guidance/no-dynamic-document-write.md
    references:
      - https://cwe.mitre.org/data/definitions/79.html
`,
    'guidance/no-dynamic-document-write.md': `# document.write() with content built at run time

**Why it matters.** \`document.write()\` hands its argument to the HTML parser. When any part of that string comes
from the URL, storage, a server response or user input, an attacker can close the markup and add a \`<script>\` or an
event handler: cross-site scripting (CWE-79).

**How to fix.** Create elements and set text, which is never parsed as HTML:

\`\`\`js
const p = document.createElement('p');
p.textContent = message;
document.body.append(p);
\`\`\`

If HTML really is needed, pass it through a vetted sanitizer first and document why.

**When it is safe.** A constant string, or a variable assigned a constant once, is not reported.
`,
    'fixtures/no-dynamic-document-write.js': `// Fixture for ${rule}: "ruleid:" marks a line that must be reported, "ok:" one that must not.
function show(message) {
  // ruleid: ${rule}
  document.write("<p>" + message + "</p>");
  // ruleid: ${rule}
  document.writeln(message);
  // ok: ${rule}
  document.write("<p>Loading...</p>");
  const banner = "<hr>";
  // ok: ${rule}
  document.write(banner);
  // ok: ${rule}
  logger.write(message);
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
