// Language table: VS Code language ids, file extensions, comment syntax and tree-sitter grammar per language.

export interface LanguageInfo {
  /** VS Code language id. */
  id: string;
  extensions: string[];
  /** Exact file names (e.g. `Dockerfile`). */
  fileNames?: string[];
  /** tree-sitter grammar file stem in tree-sitter-wasms (`tree-sitter-<grammar>.wasm`). */
  grammar?: string;
  /** Line comment starters, used by the region lexer and to write suppression comments. */
  lineComments: string[];
  /** Block comment delimiters. */
  blockComments: Array<[string, string]>;
  /** String delimiters understood by the region lexer. Triple quotes must come before single. */
  strings: string[];
  /** Node types that are constant literals in this grammar. */
  literalTypes?: string[];
  /** Node types that make a string non-constant when found inside it. */
  interpolationTypes?: string[];
  /** Node types that are comments (for scope checks of structural matches). */
  commentTypes?: string[];
}

const C_LIKE_COMMENTS = { lineComments: ['//'], blockComments: [['/*', '*/']] as Array<[string, string]> };

export const LANGUAGES: LanguageInfo[] = [
  {
    id: 'javascript', extensions: ['.js', '.mjs', '.cjs', '.jsx'], grammar: 'javascript', ...C_LIKE_COMMENTS,
    strings: ['`', '"', "'"],
    literalTypes: ['string', 'number', 'true', 'false', 'null', 'undefined', 'template_string', 'regex'],
    interpolationTypes: ['template_substitution'], commentTypes: ['comment'],
  },
  {
    id: 'javascriptreact', extensions: [], grammar: 'javascript', ...C_LIKE_COMMENTS, strings: ['`', '"', "'"],
    literalTypes: ['string', 'number', 'true', 'false', 'null', 'undefined', 'template_string', 'regex'],
    interpolationTypes: ['template_substitution'], commentTypes: ['comment'],
  },
  {
    id: 'typescript', extensions: ['.ts', '.mts', '.cts'], grammar: 'typescript', ...C_LIKE_COMMENTS,
    strings: ['`', '"', "'"],
    literalTypes: ['string', 'number', 'true', 'false', 'null', 'undefined', 'template_string', 'regex'],
    interpolationTypes: ['template_substitution'], commentTypes: ['comment'],
  },
  {
    id: 'typescriptreact', extensions: ['.tsx'], grammar: 'tsx', ...C_LIKE_COMMENTS, strings: ['`', '"', "'"],
    literalTypes: ['string', 'number', 'true', 'false', 'null', 'undefined', 'template_string', 'regex'],
    interpolationTypes: ['template_substitution'], commentTypes: ['comment'],
  },
  {
    id: 'python', extensions: ['.py', '.pyw'], grammar: 'python', lineComments: ['#'], blockComments: [],
    strings: ['"""', "'''", '"', "'"],
    literalTypes: ['string', 'integer', 'float', 'true', 'false', 'none', 'concatenated_string'],
    interpolationTypes: ['interpolation'], commentTypes: ['comment'],
  },
  {
    id: 'java', extensions: ['.java'], grammar: 'java', ...C_LIKE_COMMENTS, strings: ['"""', '"', "'"],
    literalTypes: ['string_literal', 'decimal_integer_literal', 'true', 'false', 'null_literal', 'character_literal', 'text_block'],
    commentTypes: ['line_comment', 'block_comment'],
  },
  {
    id: 'go', extensions: ['.go'], grammar: 'go', ...C_LIKE_COMMENTS, strings: ['`', '"', "'"],
    literalTypes: ['interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'true', 'false', 'nil', 'rune_literal'],
    commentTypes: ['comment'],
  },
  {
    id: 'csharp', extensions: ['.cs'], grammar: 'c_sharp', ...C_LIKE_COMMENTS, strings: ['"', "'"],
    literalTypes: ['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'integer_literal', 'boolean_literal', 'null_literal', 'character_literal'],
    interpolationTypes: ['interpolation'], commentTypes: ['comment'],
  },
  {
    id: 'php', extensions: ['.php', '.phtml'], grammar: 'php', lineComments: ['//', '#'], blockComments: [['/*', '*/']],
    strings: ['"', "'"],
    literalTypes: ['string', 'encapsed_string', 'integer', 'float', 'boolean', 'null'],
    interpolationTypes: ['variable_name', 'member_access_expression', 'subscript_expression'], commentTypes: ['comment'],
  },
  {
    id: 'ruby', extensions: ['.rb', '.rake', '.gemspec'], fileNames: ['Gemfile', 'Rakefile'], grammar: 'ruby',
    lineComments: ['#'], blockComments: [['=begin', '=end']], strings: ['"', "'"],
    literalTypes: ['string', 'integer', 'float', 'true', 'false', 'nil', 'simple_symbol'],
    interpolationTypes: ['interpolation'], commentTypes: ['comment'],
  },
  {
    id: 'c', extensions: ['.c', '.h'], grammar: 'c', ...C_LIKE_COMMENTS, strings: ['"', "'"],
    literalTypes: ['string_literal', 'number_literal', 'char_literal', 'true', 'false', 'null', 'concatenated_string'],
    commentTypes: ['comment'],
  },
  {
    id: 'cpp', extensions: ['.cpp', '.cc', '.cxx', '.hpp', '.hh', '.hxx'], grammar: 'cpp', ...C_LIKE_COMMENTS,
    strings: ['"', "'"],
    literalTypes: ['string_literal', 'raw_string_literal', 'number_literal', 'char_literal', 'true', 'false', 'null', 'nullptr', 'concatenated_string'],
    commentTypes: ['comment'],
  },
  {
    id: 'shellscript', extensions: ['.sh', '.bash', '.zsh', '.ksh'], grammar: 'bash', lineComments: ['#'], blockComments: [],
    strings: ['"', "'"], literalTypes: ['raw_string', 'string', 'number', 'word'], interpolationTypes: ['expansion', 'simple_expansion', 'command_substitution'],
    commentTypes: ['comment'],
  },
  { id: 'dockerfile', extensions: ['.dockerfile'], fileNames: ['Dockerfile', 'Containerfile'], lineComments: ['#'], blockComments: [], strings: ['"', "'"] },
  { id: 'terraform', extensions: ['.tf', '.tfvars', '.hcl'], lineComments: ['#', '//'], blockComments: [['/*', '*/']], strings: ['"'] },
  { id: 'yaml', extensions: ['.yaml', '.yml'], lineComments: ['#'], blockComments: [], strings: ['"', "'"] },
  { id: 'json', extensions: ['.json'], lineComments: [], blockComments: [], strings: ['"'] },
  { id: 'plaintext', extensions: ['.env', '.properties', '.ini', '.cfg', '.conf', '.toml', '.xml', '.txt', '.pem', '.key'], lineComments: ['#'], blockComments: [], strings: [] },
];

const byId = new Map(LANGUAGES.map((l) => [l.id, l]));
const byExt = new Map<string, LanguageInfo>();
const byName = new Map<string, LanguageInfo>();
for (const l of LANGUAGES) {
  for (const e of l.extensions) if (!byExt.has(e)) byExt.set(e, l);
  for (const n of l.fileNames ?? []) byName.set(n, l);
}

export function languageById(id: string): LanguageInfo | undefined {
  return byId.get(id);
}

/** Guess the language from a path, the way VS Code would for the common cases. */
export function languageForPath(path: string): string | undefined {
  const base = path.split(/[\\/]/).pop() ?? path;
  const exact = byName.get(base);
  if (exact) return exact.id;
  if (/^(Dockerfile|Containerfile)\./.test(base)) return 'dockerfile';
  if (base === '.env' || base.startsWith('.env.')) return 'plaintext';
  const dot = base.lastIndexOf('.');
  if (dot < 0) return undefined;
  return byExt.get(base.slice(dot).toLowerCase())?.id;
}

/** Languages a rule's `languages` entry covers: `javascript` also covers its JSX flavour, etc. */
const ALIASES: Record<string, string[]> = {
  javascript: ['javascript', 'javascriptreact'],
  typescript: ['typescript', 'typescriptreact'],
};

export function expandLanguages(langs: string[]): Set<string> {
  const out = new Set<string>();
  for (const l of langs) for (const x of ALIASES[l] ?? [l]) out.add(x);
  return out;
}

/** The comment prefix used to write a suppression in this language. */
export function commentPrefix(languageId: string): { start: string; end: string } {
  const l = byId.get(languageId);
  if (l?.lineComments.length) return { start: l.lineComments[0], end: '' };
  if (l?.blockComments.length) return { start: l.blockComments[0][0] + ' ', end: ' ' + l.blockComments[0][1] };
  return { start: '#', end: '' };
}
