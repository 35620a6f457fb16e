// The constant-binding look-up finds the same nodes by text search as a walk over every node of the type.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { initEngine, languageForPath } from '../../server/src/engine';
import { parse, type SyntaxNode } from '../../server/src/engine/grammars';
import { sameNameNodes } from '../../server/src/engine/matchers/conditions';
import { filesUnder } from '../helpers/files';


const describe1 = (nodes: SyntaxNode[]) => nodes.map((n) => `${n.type}@${n.startIndex}-${n.endIndex}#${n.id}`);

describe('sameNameNodes', function () {
  this.timeout(900_000);
  before(() => initEngine());

  it('equals filtering descendantsOfType by text, for every name-like node type in every fixture', () => {
    let compared = 0;
    const files = filesUnder(path.join(__dirname, '..', 'fixtures')).filter((f) => languageForPath(f));
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const tree = parse(languageForPath(file)!, text);
      if (!tree) continue;
      try {
        const types = new Set<string>();
        const visit = (n: SyntaxNode) => {
          if (/identifier|variable_name|^name$/.test(n.type)) types.add(n.type);
          for (const c of n.children) visit(c);
        };
        visit(tree.rootNode);
        for (const type of types) {
          const all = tree.rootNode.descendantsOfType(type);
          for (const name of new Set(all.map((n) => n.text))) {
            assert.deepStrictEqual(
              describe1(sameNameNodes(tree.rootNode, type, name, text)),
              describe1(all.filter((n) => n.text === name)),
              `${file}: ${type} "${name}"`,
            );
            compared++;
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 1000, `only ${compared} names compared`);
  });
});
