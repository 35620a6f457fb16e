// The shape every matcher returns: an offset range plus named captures, and the per-file context matchers share.
import type { LanguageInfo } from '../languages';
import type { TextIndex } from '../textIndex';
import type { Region } from '../regions';
import type { SyntaxNode, Tree } from '../grammars';
import type { ConfigNode } from './configDoc';
import type { QueryBank, RawQueryMatch } from '../queryBank';

export interface Capture {
  start: number;
  end: number;
  text: string;
  node?: SyntaxNode;
}

export interface Match {
  start: number;
  end: number;
  captures: Map<string, Capture>;
}

/** Lazily computed facts about one file, shared by all rules scanning it. */
export interface FileContext {
  text: string;
  index: TextIndex;
  languageId: string;
  lang: LanguageInfo;
  regions(): Region[];
  tree(): Tree | undefined;
  configDocs(): ConfigNode[];
  /** Matches of every query of a bank, from one run of its combined query over this file's tree. */
  queryMatches(bank: QueryBank): Map<number, RawQueryMatch[]>;
  /** Memo for constant-binding look-ups (identifier name -> bound to constants only). */
  constants: Map<string, boolean>;
}
