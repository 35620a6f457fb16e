// Scenario 6: "Vigil: Scan Workspace" shows progress, then the Problems panel holds findings from files that
// were never opened in the editor.
import { check, type Scenario } from '../lib/context';
import { UI_TIMEOUT } from '../lib/workbench';

/** Files no scenario opens, and a rule each must be reported for. */
const NEVER_OPENED: Array<[file: string, rule: string]> = [
  ['server.ts', 'js/child-process-exec-injection'],
  ['jobs.py', 'py/insecure-deserialization'],
  ['settings.js', 'secrets/generic-secret-assignment'],
];

export const scanWorkspace: Scenario = {
  name: 'Scan Workspace: progress, then findings from files never opened',
  async run({ wb, page }) {
    // A short scan can come and go between two polls, so the page itself records the progress notification.
    // (The script is a string because this project type-checks without the DOM library.)
    await page.evaluate(`(() => {
      window.__vigilProgress = [];
      const seen = () => {
        for (const el of document.querySelectorAll('.notification-toast, .statusbar-item')) {
          if (/scanning the workspace/i.test(el.innerText)) window.__vigilProgress.push(el.innerText);
        }
      };
      new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    for (const [file] of NEVER_OPENED) {
      check((await page.locator(`.tabs-container .tab[aria-label^="${file}"]`).count()) === 0, `${file} is open in the editor`);
    }

    await wb.runCommand('Vigil: Scan Workspace');
    const done = wb.notification(/Vigil scanned \d+ files: \d+ findings/);
    await done.waitFor({ timeout: 120000 });
    const progress = (await page.evaluate('window.__vigilProgress')) as string[];
    check(progress.length > 0, 'no "scanning the workspace" progress was shown');
    const summary = await done.innerText();
    check(!/scanned 0 files/.test(summary), `the scan found no files: ${summary}`);

    for (const [file, rule] of NEVER_OPENED) {
      await wb.filterProblems(rule);
      await wb.problem(rule, file).waitFor({ timeout: UI_TIMEOUT });
    }
  },
};
