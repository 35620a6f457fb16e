// Evaluates `where` conditions on captures: text regexes, node types, and whether a value is a constant literal.
import type { CompiledCondition } from '../compile';
import type { SyntaxNode } from '../grammars';
import type { LanguageInfo } from '../languages';
import type { FileContext, Match } from './match';

export function checkConditions(conds: CompiledCondition[], match: Match, ctx: FileContext): boolean {
  for (const c of conds) {
    const cap = match.captures.get(c.capture);
    if (!cap) return false;
    if (c.re && !c.re.test(cap.text)) return false;
    if (c.notRe && c.notRe.test(cap.text)) return false;
    const type = cap.node?.type;
    if (c.type && (!type || !c.type.includes(type))) return false;
    if (c['not-type'] && type && c['not-type'].includes(type)) return false;
    if (c.literal !== undefined) {
      let lit = cap.node ? isLiteral(cap.node, ctx.lang) : false;
      // constant-ok: identifiers bound once to constants count as literals, alone or inside a concatenation.
      if (!lit && c['constant-ok'] && cap.node) lit = isLiteral(cap.node, ctx.lang, (n) => isBoundToConstant(n, ctx));
      if (lit !== c.literal) return false;
    } else if (c['constant-ok'] && cap.node && isBoundToConstant(cap.node, ctx)) {
      return false;
    }
  }
  return true;
}

// Single-child wrappers around a value: Go puts declaration values and names in an expression_list.
const WRAPPERS = new Set(['parenthesized_expression', 'argument', 'expression_statement', 'expression_list']);
const CONCATS = new Set(['binary_expression', 'concatenated_string', 'binary_operator', 'string_concatenation']);

/** A constant: a literal node without interpolation, or a concatenation of such. */
export function isLiteral(node: SyntaxNode, lang: LanguageInfo, constantName?: (n: SyntaxNode) => boolean): boolean {
  const literalTypes = lang.literalTypes ?? [];
  const interp = lang.interpolationTypes ?? [];
  if (WRAPPERS.has(node.type) && node.namedChildCount === 1) return isLiteral(node.namedChildren[0], lang, constantName);
  if (CONCATS.has(node.type)) {
    const op = node.childForFieldName('operator')?.type;
    if (op && op !== '+' && op !== '.') return false;
    return node.namedChildren.length > 0 && node.namedChildren.every((c) => c.type === 'comment' || isLiteral(c, lang, constantName));
  }
  if (constantName && /identifier|variable_name|^name$/.test(node.type)) return constantName(node);
  if (!literalTypes.includes(node.type)) return false;
  if (interp.length && node.descendantsOfType(interp).length > 0) return false;
  return true;
}

/**
 * The nodes of `type` whose text is `name`, in document order. Why not root.descendantsOfType(type): that hands every
 * identifier of the file across the wasm boundary (tens of thousands in a large file) for each name looked up. Here
 * only the text occurrences of the name are visited: every node spanning exactly [at, at + length) is the deepest
 * node containing that range or one of its ancestors.
 */
export function sameNameNodes(root: SyntaxNode, type: string, name: string, text: string): SyntaxNode[] {
  if (!name) return root.descendantsOfType(type).filter((n) => n.text === name);
  const out: SyntaxNode[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    const found: SyntaxNode[] = [];
    for (let n: SyntaxNode | null = root.descendantForIndex(at, end); n && n.startIndex === at && n.endIndex === end; n = n.parent) {
      if (n.type === type) found.push(n);
    }
    // descendantsOfType lists outer nodes before the nodes inside them.
    out.push(...found.reverse());
  }
  return out;
}

const NAME_FIELDS = ['name', 'left', 'pattern'];
const VALUE_FIELDS = ['value', 'right'];

/**
 * Whether an identifier is only ever bound to constant literals in this file (`const cmd = "ls"`), and at least once.
 * A parameter, a reassignment from anything else, or no binding at all means "not constant".
 */
export function isBoundToConstant(node: SyntaxNode, ctx: FileContext): boolean {
  if (!/identifier|variable_name|^name$/.test(node.type)) return false;
  const name = node.text;
  const cached = ctx.constants.get(name);
  if (cached !== undefined) return cached;
  const root = node.tree.rootNode;
  let bindings = 0;
  let constant = true;
  for (const id of sameNameNodes(root, node.type, name, ctx.text)) {
    const parent = id.parent;
    if (!parent) continue;
    // Go wraps single names and values in expression_list nodes (`x := "a"`, `const x = "a"`): look through them.
    const holder = parent.type === 'expression_list' && parent.namedChildCount === 1 && parent.parent ? parent.parent : parent;
    const self = holder === parent ? id : parent;
    const isName = NAME_FIELDS.some((f) => holder.childForFieldName(f)?.equals(self)) || (holder.type.endsWith('_spec') && holder.childForFieldName('name')?.equals(id));
    if (!isName) {
      if (/parameter/.test(holder.type)) constant = false;
      continue;
    }
    const value = VALUE_FIELDS.map((f) => holder.childForFieldName(f)).find((v) => v && !v.equals(self));
    if (!value) {
      if (/parameter/.test(parent.type)) constant = false;
      continue;
    }
    bindings++;
    if (!isLiteral(value, ctx.lang)) constant = false;
    if (!constant) break;
  }
  const result = constant && bindings > 0;
  ctx.constants.set(name, result);
  return result;
}
