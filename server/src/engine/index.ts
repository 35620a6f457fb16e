// The engine's public surface: load rules, scan text, fix, suppress, redact, report. No vscode, no LSP, no console.
import { initGrammars } from './grammars';
import { commentPrefix } from './languages';
import { formatSuppression } from './suppressions';

export * from './types';
export { scan, type ScanInput } from './scan';
export { ParsedDocument, type TreeEdit } from './grammars';
export { applyEdits } from './fixes';
export { loadWorkspaceConfig, parseConfigText, configPath, type VigilConfig, type PackSource } from './config';
export { loadRuleSet, builtinPackDirs, type LoadRuleSetOptions, type LoadedRuleSet } from './loadRules';
export { RuleSet, buildRuleSet, type PackInfo, type RuleOverride } from './ruleSet';
export { loadPackPath, loadPackFile, loadPackText, type LoadedPack } from './packLoader';
export { redact, isSecretRule, type Redaction } from './redact';
export { isBinary, decodeText } from './textDecode';
export { languageForPath, languageById, LANGUAGES, commentPrefix } from './languages';
export { SUPPRESSION_RULES } from './builtinRules';
export { TextIndex } from './textIndex';
export { defaultRulesDir } from './nodeFs';

/** Loads the tree-sitter runtime and grammars. Call once before loading rules or scanning. */
export function initEngine(opts: { wasmDir?: string } = {}): Promise<void> {
  return initGrammars(opts.wasmDir);
}

/** The comment that suppresses `ruleIds` with `reason`, in `languageId`'s comment syntax (without indentation). */
export function suppressionComment(languageId: string, ruleIds: string[], reason: string): string {
  return formatSuppression(commentPrefix(languageId), ruleIds, reason);
}
export { toSarif, type SarifFileResult } from "./sarif";
export { checkFixture, parseAnnotations, type FixtureFailure, type FixtureResult } from "./fixtures";
export type { CompiledRule } from "./compile";
