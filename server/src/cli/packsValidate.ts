// `vigil packs validate`: every problem in a pack, at file:line:column, each with a hint on how to fix it.
import type { Problem } from '../engine';

const HINTS: Array<[RegExp, string]> = [
  [/unknown key/, 'remove the key or fix its spelling; rules/FORMAT.md lists every key a pack and a rule take'],
  [/missing required key/, 'a rule needs id, title, message, severity, confidence, languages, cwe, owasp, patterns and guidance; the manifest needs id, version and description'],
  [/must start with the pack id/, 'prefix the rule id with the pack id, e.g. "<pack>/<rule>"'],
  [/duplicate rule id/, 'give each rule its own id; never reuse an id for a different meaning'],
  [/linear time|backreference|lookaround/, 'rewrite without backreferences or lookaround; exclude look-alikes with not: or not-same-line: patterns instead'],
  [/invalid regex/, 'check the escaping: in YAML single quotes a backslash is literal, in double quotes it must be doubled'],
  [/tree-sitter query does not compile/, 'check node and field names against the grammar (web-tree-sitter 0.22.6, tree-sitter-wasms 0.1.13)'],
  [/no tree-sitter grammar/, 'query: patterns need a language with a grammar; use regex: for other languages'],
  [/unknown language/, 'use a VS Code language id such as javascript, python, go, java, yaml, or "*" for any file'],
  [/guidance page/, 'guidance is a path relative to pack.yaml (ending in .md) or inline markdown'],
  [/aliases|nested|over the .* limit|MB/, 'rule packs are small, plain data files; this one was refused as a resource-exhaustion risk'],
  [/must be one of/, 'use one of the listed values'],
  [/does not match the expected form/, 'see the pattern in the message, e.g. versions are semver (1.2.3) and ids are lowercase with dashes'],
  [/report names group/, 'add the named group (?<name>...) to the regex or remove report:'],
  [/must be/, 'check the type of the value (a list needs [ ] or "- " items)'],
];

export function hintFor(p: Problem): string {
  for (const [re, hint] of HINTS) if (re.test(p.message)) return hint;
  return 'see rules/FORMAT.md for the pack format';
}
