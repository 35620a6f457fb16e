// Scenario 7: typing changes findings live: a newly typed insecure line is flagged, and the line the user fixed
// stops being flagged, without saving.
import { type Scenario } from '../lib/context';
import { locate } from '../lib/source';
import { UI_TIMEOUT } from '../lib/workbench';

export const typing: Scenario = {
  name: 'type into a file: the new finding appears and the fixed one goes',
  async run({ wb, page, workspace }) {
    await wb.openFile('typing.ts');
    await wb.filterProblems('typing.ts');
    const oldRow = wb.problem('js/eval-injection', 'typing.ts');
    await oldRow.waitFor({ timeout: UI_TIMEOUT });

    // A new line above the return: code built into a function at run time.
    const evalAt = locate(workspace, 'typing.ts', 'eval(input)');
    await wb.focusEditor();
    await wb.goTo(evalAt.line - 1, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('  const compiled = new Function(input);');
    // Then the eval (now one line lower) becomes JSON.parse.
    await wb.goTo(evalAt.line + 1, evalAt.column);
    await page.keyboard.press('Shift+Control+ArrowRight');
    await page.keyboard.type('JSON.parse');

    await wb.problem('js/new-function-injection', 'typing.ts', `Ln ${evalAt.line}`).waitFor({ timeout: UI_TIMEOUT });
    await oldRow.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await wb.saveActive();
  },
};
