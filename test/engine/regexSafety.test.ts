// Unit tests: pack regexes cannot hang the engine, and case-insensitive patterns still match after case folding.
import * as assert from 'assert';
import { compileSafeRegex, foldCase, hasNestedQuantifier } from '../../server/src/engine/regexSafety';
import { matchRegex } from '../../server/src/engine/matchers/regexMatcher';
import { createContext } from '../../server/src/engine/scan';

describe('regex safety', () => {
  it('rejects backreferences and lookaround with a reason', () => {
    for (const src of ['(a)\\1', '(?=x)y', '(?<!a)b', '(?<n>a)\\k<n>']) {
      const r = compileSafeRegex(src);
      assert.ok('error' in r, src);
      assert.match((r as { error: string }).error, /backreference or lookaround/);
    }
  });

  it('rejects invalid syntax and unknown flags', () => {
    assert.match((compileSafeRegex('(') as { error: string }).error, /invalid regex/);
    assert.match((compileSafeRegex('a', 'y') as { error: string }).error, /flags/);
  });

  it('accepts long counted repetitions that have no nested quantifier', () => {
    const r = compileSafeRegex('ghp_[A-Za-z0-9]{36}');
    assert.ok('regex' in r);
    assert.ok(r.regex.test('token ghp_' + 'a1'.repeat(18)));
  });

  it('detects nested unbounded quantifiers', () => {
    assert.ok(hasNestedQuantifier('(a+)+$'));
    assert.ok(hasNestedQuantifier('(\\w*\\s)*x'));
    assert.ok(hasNestedQuantifier('([a-z]+){2,}'));
    assert.ok(!hasNestedQuantifier('(ab)+c'));
    assert.ok(!hasNestedQuantifier('[a-z]{36}'));
    assert.ok(!hasNestedQuantifier('(?:x[0-9]+)?y'));
  });

  it('folds case without the i flag', () => {
    assert.strictEqual(foldCase('md5'), '[mM][dD]5');
    assert.strictEqual(foldCase('[a-f0-9]'), '[A-Fa-f0-9]');
    assert.strictEqual(foldCase('[a-z0-9_.-]'), '[A-Za-z0-9_.-]');
    assert.strictEqual(foldCase('[^x-]'), '[^Xx-]');
    assert.strictEqual(foldCase('(?<key>pw)\\d'), '(?<key>[pP][wW])\\d');
    const r = compileSafeRegex('\\bpassw(or)?d\\b', 'i');
    assert.ok('regex' in r);
    assert.ok(r.regex.test('const PassWord = 1'));
    assert.ok(r.linear, 'a folded pattern runs on the linear engine');
  });

  it('finishes (a+)+$ on a 100,000-character line within a fixed budget', function () {
    // The budget is generous for slow CI machines; exponential backtracking would take longer than the universe.
    this.timeout(20_000);
    const r = compileSafeRegex('(a+)+$');
    assert.ok('regex' in r && r.linear);
    const text = 'a'.repeat(100_000) + '!';
    const ctx = createContext(text, 'plaintext');
    const matches = matchRegex({ kind: 'regex', regex: (r as { regex: RegExp }).regex, scope: 'any', where: [] }, ctx);
    assert.strictEqual(matches.length, 0);
  });
});
