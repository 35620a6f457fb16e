// Every secure snippet, expanded the way VS Code would with its defaults, produces zero findings from the built-in packs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { initEngine, loadRuleSet, scan, type RuleSet } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Expands a VS Code snippet body with every placeholder at its default: `${1:x}` -> x (nested too), `${1|a,b|}` -> a,
 * `$1`/`$0`/variables -> empty, and `\$`, `\}`, `\\` unescaped, following VS Code's snippet grammar.
 */
export function expandSnippet(body: string): string {
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
      } else if (c === '}' && stopAtBrace) {
        i++;
        return out;
      } else if (c === '$' && body[i + 1] === '{') {
        i += 2;
        const head = /^(\d+|[A-Za-z_]+)/.exec(body.slice(i));
        i += head ? head[0].length : 0;
        if (body[i] === ':') {
          i++;
          out += parse(true);
        } else if (body[i] === '|') {
          const end = body.indexOf('|}', i);
          out += body.slice(i + 1, end).split(',')[0];
          i = end + 2;
        } else if (body[i] === '}') i++;
        else out += parse(true);
      } else if (c === '$' && /[\dA-Za-z_]/.test(body[i + 1] ?? '')) {
        i++;
        while (i < body.length && /[\w]/.test(body[i])) i++;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse(false);
}

describe('secure snippets', function () {
  this.timeout(120_000);
  let ruleSet: RuleSet;

  before(async () => {
    await initEngine();
    // Low-confidence rules too: a snippet must not even trip a hygiene rule.
    ruleSet = loadRuleSet({ config: { minConfidence: 'low' } }).ruleSet;
  });

  it('expands placeholders, choices and escapes like VS Code', () => {
    assert.strictEqual(expandSnippet('a ${1:x ${2:y}} \\$1 ${3|p,q|} $0 \\\\ ${TM_FILENAME}'), 'a x y $1 p  \\ ');
  });

  const files: Array<[string, string[]]> = [
    ['javascript.json', ['javascript', 'typescript']],
    ['python.json', ['python']],
  ];
  for (const [file, languages] of files) {
    it(`${file}: at least 10 snippets, each with zero findings when expanded`, () => {
      const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, { prefix: string; body: string | string[] }>;
      assert.ok(Object.keys(snippets).length >= 10, `${file} has ${Object.keys(snippets).length} snippets`);
      const noisy: string[] = [];
      for (const [name, s] of Object.entries(snippets)) {
        const text = expandSnippet(Array.isArray(s.body) ? s.body.join('\n') : s.body);
        for (const lang of languages) {
          for (const f of scan(text, lang, ruleSet).findings) noisy.push(`${name} (${lang}) line ${f.range.start.line + 1}: ${f.ruleId}`);
        }
      }
      assert.deepStrictEqual(noisy, []);
    });
  }
});
