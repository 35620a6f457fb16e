// Scenario 1: opening a vulnerable JavaScript file shows squiggles, and the Problems panel lists Vigil
// findings with their rule ids.
import { check, type Scenario } from '../lib/context';
import { STARTUP_TIMEOUT, UI_TIMEOUT } from '../lib/workbench';

export const openJs: Scenario = {
  name: 'open a vulnerable JS file: squiggles and Problems rows with rule ids',
  timeoutMs: STARTUP_TIMEOUT + 120000,
  async run({ wb }) {
    await wb.clickExplorerFile('app.js');
    // The first file also waits for the language server to start and load the built-in packs.
    await wb.squiggles().first().waitFor({ timeout: STARTUP_TIMEOUT });
    await wb.showProblems();
    // eval(expression) on line 6 and exec('ls -l ' + ...) on line 10 of app.js.
    const evalRow = wb.problem('js/eval-injection', 'Ln 6');
    const execRow = wb.problem(/js\/child-process-\S+/, 'Ln 10');
    await evalRow.waitFor({ timeout: UI_TIMEOUT });
    await execRow.waitFor({ timeout: UI_TIMEOUT });
    const text = await evalRow.innerText();
    check(/vigil/i.test(text), `the Problems row does not name Vigil as its source: ${text}`);
    check((await wb.squiggles().count()) >= 2, 'expected a squiggle for each finding in app.js');
  },
};
