// Drives the VS Code workbench (code-server in Chromium) the way a user does: keyboard, palette, explorer,
// Problems panel, hovers, notifications. Every wait is on something visible in the DOM, never a fixed sleep.
import type { Locator, Page } from 'playwright-core';

/** Upper bound for one UI reaction (generous: CI machines have 2 cores shared by code-server, Chromium and the server). */
export const UI_TIMEOUT = 60000;
/** Upper bound for the first findings: the language server loads and compiles every built-in pack first. */
export const STARTUP_TIMEOUT = 240000;

export interface ProblemRow {
  text: string;
  /** True for a file row (the group header) rather than a marker row. */
  isFile: boolean;
}

export class Workbench {
  constructor(readonly page: Page) {}

  async open(url: string, folder: string): Promise<void> {
    this.page.setDefaultTimeout(UI_TIMEOUT);
    this.page.setDefaultNavigationTimeout(STARTUP_TIMEOUT);
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT });
    // The explorer lists the folder once the remote file system answers.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: STARTUP_TIMEOUT });
  }

  /** Closes whatever widget, quick input or hover is open, so the next step starts from the editor. */
  async escape(times = 2): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** Opens a workspace file by its relative path through Quick Open, and waits for its tab to be active. */
  async openFile(relPath: string): Promise<void> {
    const name = relPath.split('/').pop()!;
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(relPath);
    // Wait for the matching result before accepting it, so Enter does not pick a stale first row.
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await this.activeTab(name).waitFor({ timeout: UI_TIMEOUT });
    await this.editorFocused();
  }

  /** Opens a top-level workspace file by clicking its row in the Explorer. */
  async clickExplorerFile(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    await this.activeTab(name).waitFor({ timeout: UI_TIMEOUT });
    await this.editorFocused();
  }

  activeTab(name: string): Locator {
    return this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`);
  }

  private async editorFocused(): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
  }

  /** Gives the keyboard back to the active editor (after typing into a panel or a filter box). */
  async focusEditor(): Promise<void> {
    await this.editorFocused();
  }

  /**
   * Opens the Quick Fix menu (Ctrl+.) at the cursor. The server answers code actions from the findings of the newest
   * scanned version, so right after a re-scan (a rules reload, a settings change) it can briefly have none: then the
   * editor says "No code actions available", and the menu is asked for again until it opens or the UI timeout ends.
   */
  async openQuickFix(): Promise<void> {
    const menu = this.page.locator('.action-widget');
    const deadline = Date.now() + UI_TIMEOUT;
    for (;;) {
      await this.page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout: 5_000 });
        return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Picks an entry in the open Quick Fix menu (Ctrl+.) and waits for the menu to close. */
  async codeAction(title: string | RegExp): Promise<void> {
    const menu = this.page.locator('.action-widget');
    await menu.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    const wanted = menu.locator('.monaco-list-row.action', { hasText: title }).first();
    await wanted.waitFor({ timeout: UI_TIMEOUT });
    // The menu is driven by keyboard: while it opens, a pointer block covers it and swallows clicks.
    const label = await wanted.getAttribute('aria-label');
    const rows = await menu.locator('.monaco-list-row.action').count();
    for (let i = 0; i <= rows; i++) {
      if ((await menu.locator('.monaco-list-row.action.focused').getAttribute('aria-label')) === label) break;
      await this.page.keyboard.press('ArrowDown');
    }
    await menu.locator('.monaco-list-row.action.focused', { hasText: title }).waitFor({ timeout: UI_TIMEOUT });
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /** Runs a command by its palette title (F1, type, pick the exact entry). */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: title }) }).first();
    try {
      await row.waitFor({ timeout: UI_TIMEOUT });
    } catch {
      throw new Error(`"${title}" is not in the command palette (is the command contributed in package.json?)`);
    }
    await row.click();
  }

  /** The quick input (quick pick or input box) showing `title`; waits for it. */
  async quickInput(title: string | RegExp): Promise<Locator> {
    const widget = this.page.locator('.quick-input-widget', { has: this.page.locator('.quick-input-title', { hasText: title }) });
    await widget.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    return widget;
  }

  /** Answers an input box with the given title. */
  async answerInputBox(title: string | RegExp, value: string): Promise<void> {
    const w = await this.submitInputBox(title, value);
    await w.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
  }

  /**
   * Types into an input box and presses Enter, without waiting for it to close: use it when the command follows with
   * another quick input under the same title (VS Code reuses the widget, so it may never look hidden).
   */
  async submitInputBox(title: string | RegExp, value: string): Promise<Locator> {
    const w = await this.quickInput(title);
    await w.locator('input').fill(value);
    await this.page.keyboard.press('Enter');
    return w;
  }

  /** Picks the row whose label matches in the quick pick with the given title. */
  async pick(title: string | RegExp, label: string | RegExp): Promise<void> {
    const w = await this.quickInput(title);
    const row = w.locator('.quick-input-list .monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) }).first();
    await row.click();
  }

  /** Moves the cursor to a 1-based line and column with Go to Line (Ctrl+G accepts "line:column"). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT });
    await this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ timeout: UI_TIMEOUT });
  }

  /** Squiggles in the active editor (warnings and errors; info findings render as squiggly-info). */
  squiggles(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .squiggly-error, .editor-group-container.active .monaco-editor .squiggly-warning, .editor-group-container.active .monaco-editor .squiggly-info');
  }

  /** Opens the Problems panel (idempotent: Ctrl+Shift+M toggles, so it is only pressed when it is not showing). */
  async showProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.runCommand('View: Focus Problems');
    }
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    return panel;
  }

  /** A Problems row that contains all the given texts (the list renders only rows in view, so the panel is maximised first). */
  problem(...texts: Array<string | RegExp>): Locator {
    let loc = this.page.locator('.markers-panel .monaco-list-row');
    for (const t of texts) loc = loc.filter({ hasText: t });
    return loc.first();
  }

  /** Narrows the Problems panel with its filter box (text matches message, file and code). */
  async filterProblems(text: string): Promise<void> {
    await this.showProblems();
    const filter = this.page.locator('.viewpane-filter input, .markers-panel-action-filter input').first();
    await filter.fill(text);
  }

  async problemTexts(): Promise<string[]> {
    return this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  }

  /** A notification toast containing the text. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }

  /** Saves the active editor once it has unsaved changes (an edit applied through the server lands asynchronously). */
  async saveActive(): Promise<void> {
    const dirty = this.page.locator('.tabs-container .tab.active.dirty');
    await dirty.waitFor({ timeout: UI_TIMEOUT });
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await dirty.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  }

  /** The text of the active editor's visible lines contains `text`. */
  async waitForEditorText(text: string | RegExp): Promise<void> {
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: text }).first().waitFor({ timeout: UI_TIMEOUT });
  }
}
