// Scenario 8: opening a Python file shows its findings.
import { type Scenario } from '../lib/context';
import { UI_TIMEOUT } from '../lib/workbench';

const EXPECTED = ['py/yaml-load-no-loader', 'py/command-injection', 'py/weak-password-hash'];

export const openPython: Scenario = {
  name: 'open a Python file: its findings appear',
  async run({ wb }) {
    await wb.clickExplorerFile('app.py');
    await wb.squiggles().first().waitFor({ timeout: UI_TIMEOUT });
    await wb.filterProblems('app.py');
    for (const rule of EXPECTED) await wb.problem(rule, 'app.py').waitFor({ timeout: UI_TIMEOUT });
  },
};
