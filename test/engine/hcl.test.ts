// Unit tests for the HCL (Terraform) parser: structure, offsets, heredocs, jsonencode, JSON strings, recovery, size.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseHcl } from '../../server/src/engine/formats/hcl';
import type { ConfigEntry, ConfigNode } from '../../server/src/engine/matchers/configDoc';
import { initEngine, loadRuleSet, scan, type RuleSet } from '../../server/src/engine';

function entries(n: ConfigNode | undefined, key: string): ConfigEntry[] {
  assert.ok(n && n.kind === 'map', `expected a map holding ${key}`);
  return n.entries.filter((e) => e.key === key);
}

/** Follows a key path (first entry of each key; numeric segments index sequences). */
function at(n: ConfigNode, ...path: string[]): ConfigNode {
  let cur: ConfigNode = n;
  for (const seg of path) {
    if (cur.kind === 'seq') cur = cur.items[Number(seg)];
    else {
      const e = entries(cur, seg)[0];
      assert.ok(e, `missing key ${seg} in path ${path.join('.')}`);
      cur = e.value;
    }
    assert.ok(cur, `missing ${seg}`);
  }
  return cur;
}

function entryAt(n: ConfigNode, ...path: string[]): ConfigEntry {
  const parent = at(n, ...path.slice(0, -1));
  const e = entries(parent, path[path.length - 1])[0];
  assert.ok(e);
  return e;
}

function scalar(n: ConfigNode): string | number | boolean | null {
  assert.strictEqual(n.kind, 'scalar');
  return (n as { value: string | number | boolean | null }).value;
}

const one = (text: string): ConfigNode => {
  const docs = parseHcl(text);
  assert.strictEqual(docs.length, 1);
  return docs[0];
};

describe('HCL parser', () => {
  it('turns blocks and labels into nested map entries whose key ranges span the label text', () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  acl = "private"\n}\n';
    const doc = one(text);
    const res = entryAt(doc, 'resource');
    assert.strictEqual(text.slice(res.keyStart, res.keyEnd), 'resource');
    const type = entryAt(doc, 'resource', 'aws_s3_bucket');
    assert.strictEqual(text.slice(type.keyStart, type.keyEnd), 'aws_s3_bucket');
    const name = entryAt(doc, 'resource', 'aws_s3_bucket', 'b');
    assert.strictEqual(text.slice(name.keyStart, name.keyEnd), 'b');
    const acl = entryAt(doc, 'resource', 'aws_s3_bucket', 'b', 'acl');
    assert.strictEqual(text.slice(acl.keyStart, acl.keyEnd), 'acl');
    assert.strictEqual(scalar(acl.value), 'private');
    assert.strictEqual(text.slice(acl.value.start, acl.value.end), '"private"');
  });

  it('keeps repeated blocks as repeated entries with the same key', () => {
    const text = `resource "aws_security_group" "a" {
  ingress {
    from_port = 22
  }
  ingress { from_port = 443 }
}
resource "aws_instance" "i" {}
`;
    const doc = one(text);
    assert.strictEqual(entries(doc, 'resource').length, 2);
    const ingress = entries(at(doc, 'resource', 'aws_security_group', 'a'), 'ingress');
    assert.deepStrictEqual(ingress.map((e) => scalar(at(e.value, 'from_port'))), [22, 443]);
    assert.strictEqual(text.slice(ingress[1].keyStart, ingress[1].keyEnd), 'ingress');
  });

  it('types literals and keeps any other expression as its source text', () => {
    const doc = one(`a = 1.5
b = -2
c = true
d = null
e = var.x
f = "x-\${var.env}"
g = var.on ? "public-read" : "private"
h = upper("a")
i = [for s in var.l : s]
j = { for k, v in var.m : k => v }
k = "a\\"b\\u0041"
l = "$\${literal}"
m = local.a[0].b
n = !var.off
`);
    assert.strictEqual(scalar(at(doc, 'a')), 1.5);
    assert.strictEqual(scalar(at(doc, 'b')), -2);
    assert.strictEqual(scalar(at(doc, 'c')), true);
    assert.strictEqual(scalar(at(doc, 'd')), null);
    assert.strictEqual(scalar(at(doc, 'e')), 'var.x');
    assert.strictEqual(scalar(at(doc, 'f')), '"x-${var.env}"');
    assert.strictEqual(scalar(at(doc, 'g')), 'var.on ? "public-read" : "private"');
    assert.strictEqual(scalar(at(doc, 'h')), 'upper("a")');
    assert.strictEqual(scalar(at(doc, 'i')), '[for s in var.l : s]');
    assert.strictEqual(scalar(at(doc, 'j')), '{ for k, v in var.m : k => v }');
    assert.strictEqual(scalar(at(doc, 'k')), 'a"bA');
    assert.strictEqual(scalar(at(doc, 'l')), '${literal}');
    assert.strictEqual(scalar(at(doc, 'm')), 'local.a[0].b');
    assert.strictEqual(scalar(at(doc, 'n')), '!var.off');
  });

  it('reads tuples, objects and multi-line expressions, skipping every comment style', () => {
    const text = `# hash comment
// slash comment
x = [ # inside
  "a", /* block
  comment */ "b",
  { k = "v", "q": 2 },
]
y = {
  one = 1 // trailing
  two = (
    1 + 2
  )
}
z = "after"
`;
    const doc = one(text);
    const x = at(doc, 'x');
    assert.strictEqual(x.kind, 'seq');
    assert.strictEqual((x as { items: ConfigNode[] }).items.length, 3);
    assert.strictEqual(scalar(at(doc, 'x', '2', 'k')), 'v');
    const q = entryAt(doc, 'x', '2', 'q');
    assert.strictEqual(text.slice(q.keyStart, q.keyEnd), 'q');
    assert.strictEqual(scalar(at(doc, 'y', 'one')), 1);
    assert.strictEqual(scalar(at(doc, 'y', 'two')), '(\n    1 + 2\n  )');
    assert.strictEqual(scalar(at(doc, 'z')), 'after');
  });

  it('handles interpolation with nested braces and quotes, and template directives', () => {
    const doc = one(`a = "\${jsonencode({ k = "}" })}-%{ if var.x }y%{ endif }"
b = "plain"
`);
    assert.strictEqual(scalar(at(doc, 'a')), '"${jsonencode({ k = "}" })}-%{ if var.x }y%{ endif }"');
    assert.strictEqual(scalar(at(doc, 'b')), 'plain');
  });

  it('maps jsonencode() to the object it encodes', () => {
    const text = `resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action   = "*"
        Effect   = "Allow"
        Resource = "*"
      },
    ]
  })
}
`;
    const doc = one(text);
    const action = entryAt(doc, 'resource', 'aws_iam_policy', 'p', 'policy', 'Statement', '0', 'Action');
    assert.strictEqual(scalar(action.value), '*');
    assert.strictEqual(text.slice(action.keyStart, action.keyEnd), 'Action');
  });

  it('parses heredocs, including JSON policies with interpolation, at the right offsets', () => {
    const text = `resource "aws_iam_role_policy" "p" {
  policy = <<-EOF
    {
      "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "\${aws_s3_bucket.b.arn}"}]
    }
  EOF
  script = <<EOT
echo \${var.x}
EOT
  text = <<EOT
plain
EOT
  after = 1
}
`;
    const doc = one(text);
    const base = ['resource', 'aws_iam_role_policy', 'p'];
    const action = entryAt(doc, ...base, 'policy', 'Statement', '0', 'Action');
    assert.strictEqual(text.slice(action.keyStart, action.keyEnd), 'Action');
    assert.strictEqual(text.slice(action.value.start, action.value.end), '"*"');
    assert.strictEqual(scalar(at(doc, ...base, 'policy', 'Statement', '0', 'Resource')), '${aws_s3_bucket.b.arn}');
    assert.strictEqual(scalar(at(doc, ...base, 'script')), '<<EOT\necho ${var.x}\nEOT');
    assert.strictEqual(scalar(at(doc, ...base, 'text')), 'plain\n');
    assert.strictEqual(scalar(at(doc, ...base, 'after')), 1);
  });

  it('parses a JSON policy inside an escaped quoted string with source offsets', () => {
    const text = 'policy = "{\\"Statement\\": {\\"Action\\": \\"*\\"}}"\n';
    const doc = one(text);
    const action = entryAt(doc, 'policy', 'Statement', 'Action');
    assert.strictEqual(text.slice(action.keyStart, action.keyEnd), 'Action');
    assert.strictEqual(scalar(action.value), '*');
  });

  it('never throws on malformed input and keeps what parsed before the error', () => {
    const bad = [
      'resource "a" "b" {\n  acl = "private"\n',
      'resource "a" "b" {\n  x = [1, 2\n',
      'a = "unterminated\nb = 2\n',
      '}}}{{{\n',
      'x = <<EOF\nno end',
      'x = jsonencode({a = 1',
      '= = =\n"x"\n',
      'a = ${\n',
      '\u0000\uffff',
      '{'.repeat(5000),
      '"${'.repeat(3000),
    ];
    for (const t of bad) assert.doesNotThrow(() => parseHcl(t), t.slice(0, 20));
    const doc = one('resource "a" "b" {\n  acl = "private"\n  broken = \n}\nafter = 1\n');
    assert.strictEqual(scalar(at(doc, 'resource', 'a', 'b', 'acl')), 'private');
    const doc2 = one('a = 1\n@@@ garbage line\nb = 2\n');
    assert.strictEqual(scalar(at(doc2, 'b')), 2);
    // Commas are not allowed between block attributes; the rest of the line is skipped but its `}` still closes the block.
    const doc4 = one('resource "a" "b" {\n  ingress { x = 0, y = 1 }\n}\nresource "c" "d" {\n  z = 2\n}\n');
    assert.strictEqual(entries(doc4, 'resource').length, 2);
    assert.strictEqual(scalar(at(doc4, 'resource', 'a', 'b', 'ingress', 'x')), 0);
    const doc3 = one('resource "a" "b" {\n  acl = "public-read"\n');
    assert.strictEqual(scalar(at(doc3, 'resource', 'a', 'b', 'acl')), 'public-read');
  });

  it('survives every fixture cut short or with a character dropped', () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'terraform');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf'));
    assert.ok(files.length > 0);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      const full = one(text);
      assert.ok(full.kind === 'map' && full.entries.length > 0, f);
      for (let k = 0; k < text.length; k += 37) {
        assert.doesNotThrow(() => parseHcl(text.slice(0, k)), `${f} cut at ${k}`);
        assert.doesNotThrow(() => parseHcl(text.slice(0, k) + text.slice(k + 1)), `${f} without char ${k}`);
      }
    }
  });

  it('parses a 1 MB file', () => {
    const block = (i: number) => `resource "aws_s3_bucket" "b${i}" {
  bucket = "bucket-\${var.env}-${i}"
  acl    = "private"
  tags   = { Name = "n${i}", Env = var.env }
  policy = jsonencode({ Statement = [{ Action = ["s3:GetObject"], Resource = "*" }] })
}
`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      parts.push(block(i));
      size += parts[parts.length - 1].length;
    }
    const text = parts.join('');
    const doc = one(text);
    const res = entries(doc, 'resource');
    assert.strictEqual(res.length, parts.length);
    const last = res[res.length - 1];
    const name = `b${parts.length - 1}`;
    const acl = entryAt(last.value, 'aws_s3_bucket', name, 'acl');
    assert.strictEqual(text.slice(acl.keyStart, acl.keyEnd), 'acl');
    assert.strictEqual(text.lastIndexOf('acl'), acl.keyStart);
  });
});

describe('terraform pack on parsed HCL', function () {
  this.timeout(60_000);
  let ruleSet: RuleSet;
  before(async () => {
    await initEngine();
    ruleSet = loadRuleSet({ builtinDir: 'rules' }).ruleSet;
  });

  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

  it('reports an admin policy held in heredoc JSON on its Action key, which fixtures cannot annotate', () => {
    const text = `resource "aws_iam_role_policy" "ops" {
  role   = aws_iam_role.ops.id
  policy = <<-EOF
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["*"],
          "Resource": "*"
        }
      ]
    }
  EOF
}
`;
    const found = scan(text, 'terraform', ruleSet).findings.filter((f) => f.ruleId === 'terraform/iam-admin-wildcard-policy');
    assert.deepStrictEqual(found.map((f) => f.range.start.line), [lineOf(text, '"Action"')]);
  });

  it('reports an open bucket policy in heredoc JSON on its Principal key, not on the statement', () => {
    const text = `resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": {
        "AWS": "*"
      },
      "Action": "s3:GetObject",
      "Resource": "\${aws_s3_bucket.site.arn}/*"
    },
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "\${aws_s3_bucket.site.arn}/*",
      "Condition": { "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }
    }
  ]
}
POLICY
}
`;
    const found = scan(text, 'terraform', ruleSet).findings.filter((f) => f.ruleId === 'terraform/policy-allows-any-principal');
    assert.deepStrictEqual(found.map((f) => f.range.start.line), [lineOf(text, '"Principal": {')]);
  });

  it('keeps scanning the rest of a file after a syntax error', () => {
    const text = `resource "aws_s3_bucket" "a" {
  tags = { Name = "x" ,, }
  broken = = =
}
resource "aws_s3_bucket_acl" "b" {
  acl = "public-read"
}
`;
    const found = scan(text, 'terraform', ruleSet).findings.filter((f) => f.ruleId === 'terraform/s3-public-acl');
    assert.deepStrictEqual(found.map((f) => f.range.start.line), [lineOf(text, '  acl')]);
  });
});
