// Narrowed query runs (queryMask.ts) return exactly the full query's matches of the kept entries, on every fixture file.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { initEngine, loadRuleSet, languageForPath, type RuleSet } from '../../server/src/engine';
import { parse } from '../../server/src/engine/grammars';
import { maskingAvailable } from '../../server/src/engine/queryMask';
import type { QueryBank, RawQueryMatch } from '../../server/src/engine/queryBank';
import { filesUnder } from '../helpers/files';


/** A deterministic pseudo-random generator, so a failure names a reproducible subset. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const describeMatches = (m: Map<number, RawQueryMatch[]>, keep: (id: number) => boolean) =>
  [...m.entries()]
    .filter(([id]) => keep(id))
    .sort((a, b) => a[0] - b[0])
    .map(([id, list]) => `${id}: ${list.map((caps) => [...caps].map(([n, c]) => `${n}@${c.start}-${c.end}:${c.node?.type}`).join(',')).join(' | ')}`);

describe('narrowed query runs', function () {
  this.timeout(900_000);
  let ruleSet: RuleSet;
  let banks: QueryBank[];

  before(async () => {
    await initEngine();
    ruleSet = loadRuleSet({}).ruleSet;
    banks = (ruleSet as unknown as { banks: QueryBank[] }).banks;
  });

  it('are available with the pinned web-tree-sitter', () => {
    assert.strictEqual(maskingAvailable(), true);
  });

  it('match the full run restricted to the kept entries, for random entry sets over every fixture', () => {
    const random = rng(20261128);
    const files = filesUnder(path.join(__dirname, '..', 'fixtures')).filter((f) => languageForPath(f));
    let compared = 0;
    for (const file of files) {
      const languageId = languageForPath(file)!;
      const tree = parse(languageId, fs.readFileSync(file, 'utf8'));
      if (!tree) continue;
      try {
        for (const bank of banks) {
          const full = bank.run(tree.rootNode, languageId);
          const ids = new Set<number>();
          for (let id = 0; id < 2000; id++) ids.add(id);
          for (let round = 0; round < 3; round++) {
            // A tiny set, about half of the entries, or nearly all of them.
            const p = [0.03, 0.5, 0.9][round];
            const active = new Set([...ids].filter(() => random() < p));
            const narrowed = bank.run(tree.rootNode, languageId, active);
            assert.deepStrictEqual(
              describeMatches(narrowed, () => true),
              describeMatches(full, (id) => active.has(id)),
              `${file}: entries ${[...active].filter((id) => full.has(id)).join(',')}`,
            );
            compared++;
          }
        }
      } finally {
        tree.delete();
      }
    }
    assert.ok(compared > 100, `only ${compared} comparisons`);
  });
});
