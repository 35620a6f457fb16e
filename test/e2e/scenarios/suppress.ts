// Scenario 4: suppressing a finding with a reason inserts the vigil-ignore comment and the finding goes away.
import { check, type Scenario } from '../lib/context';
import { locate, waitForFile } from '../lib/source';
import { UI_TIMEOUT } from '../lib/workbench';

const RULE = 'js/eval-injection';
const REASON = 'migration steps come from our signed release bundle';

export const suppress: Scenario = {
  name: 'suppress a finding with a reason: the comment is inserted and the finding disappears',
  async run({ wb, page, workspace }) {
    await wb.openFile('suppress.js');
    await wb.filterProblems(RULE);
    const row = wb.problem(RULE, 'suppress.js');
    await row.waitFor({ timeout: UI_TIMEOUT });

    const at = locate(workspace, 'suppress.js', 'eval(step.code)');
    await wb.focusEditor();
    await wb.goTo(at.line, at.column + 1);
    await wb.openQuickFix();
    await wb.codeAction(new RegExp(`^Suppress ${RULE.replace('/', '\\/')}`));
    // The exception-request choice that may follow reuses the same title, so do not wait for the box to close.
    await wb.submitInputBox(`Suppress ${RULE}`, REASON);
    // The client may then offer to file an exception request first; this scenario suppresses directly.
    const choice = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Write the vigil-ignore comment' });
    const inserted = wb.waitForEditorText('vigil-ignore').then(() => 'inserted' as const);
    if ((await Promise.race([inserted, choice.waitFor({ timeout: UI_TIMEOUT }).then(() => 'pick' as const)])) === 'pick') {
      await choice.click();
      await wb.waitForEditorText('vigil-ignore');
    }
    await wb.saveActive();
    const text = await waitForFile(workspace, 'suppress.js', (t) => t.includes('vigil-ignore'), 'hold the suppression comment');
    check(new RegExp(`//\\s*vigil-ignore ${RULE}\\s+--\\s+${REASON}`).test(text), `unexpected suppression comment:\n${text}`);
    await row.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  },
};
