// The language status item fed by `vigil/status`, and a status-bar count of Vigil findings in the active file.
import * as vscode from 'vscode';
import type { Problem } from '../../server/src/engine/types';
import type { StatusParams } from '../../server/src/lsp/protocol';
import { SUPPORTED_LANGUAGES } from './languages';

function problemText(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}` : p.file;
  return `${where}: ${p.message}`;
}

export class VigilStatus implements vscode.Disposable {
  private readonly language: vscode.LanguageStatusItem;
  private readonly bar: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** Errors already written to the log, so each distinct one appears once however often status arrives. */
  private readonly logged = new Set<string>();

  constructor(private readonly output: vscode.OutputChannel) {
    this.language = vscode.languages.createLanguageStatusItem('vigil.status', [...SUPPORTED_LANGUAGES]);
    this.language.name = 'Vigil';
    this.language.text = '$(loading~spin) Vigil';
    this.language.command = { title: 'Show Output', command: 'vigil.showOutput' };
    this.bar = vscode.window.createStatusBarItem('vigil.findings', vscode.StatusBarAlignment.Left, 50);
    this.bar.name = 'Vigil findings';
    this.bar.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics(() => this.updateCount()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateCount()),
    );
    this.updateCount();
  }

  /** Shows what the server reports: packs, rule count, last scan, and pack errors with file:line. */
  update(s: StatusParams): void {
    const errors = s.errors.filter((e) => e.severity === 'error');
    this.language.text = `Vigil: ${s.ruleCount} rules`;
    const scan = s.lastScanMs !== undefined ? ` · last scan ${Math.round(s.lastScanMs)} ms` : '';
    const packs = s.packs.map((p) => `${p.id}@${p.version}`).join(', ');
    this.language.detail = `${s.packs.length} packs${scan}${errors.length ? ` · ${errors.length} errors` : ''}`;
    this.language.severity = errors.length ? vscode.LanguageStatusSeverity.Error
      : s.errors.length ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.language.command = s.errors.length
      ? { title: 'Show Errors', command: 'vigil.showOutput', tooltip: s.errors.map(problemText).join('\n') }
      : { title: 'Show Packs', command: 'vigil.showRulePacks', tooltip: packs };
    for (const e of s.errors) {
      const text = problemText(e);
      if (this.logged.has(text)) continue;
      this.logged.add(text);
      this.output.appendLine(`[${e.severity}] ${text}`);
    }
  }

  serverStopped(reason: string): void {
    this.language.text = 'Vigil: stopped';
    this.language.detail = reason;
    this.language.severity = vscode.LanguageStatusSeverity.Error;
    this.language.command = { title: 'Restart', command: 'vigil.restartServer' };
  }

  private updateCount(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !SUPPORTED_LANGUAGES.includes(doc.languageId)) {
      this.bar.hide();
      return;
    }
    const count = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'vigil').length;
    this.bar.text = `$(shield) ${count}`;
    this.bar.tooltip = count === 1 ? 'Vigil: 1 finding in this file' : `Vigil: ${count} findings in this file`;
    this.bar.show();
  }

  dispose(): void {
    this.language.dispose();
    this.bar.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
