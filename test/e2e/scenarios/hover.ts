// Scenario 2: hovering a finding shows the rule's guidance (title, guidance page, CWE). Its screenshot is the
// README's picture of a finding and its hover.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, type Scenario } from '../lib/context';
import { guidancePhrase, ruleInfo } from '../lib/rules';
import { locate } from '../lib/source';
import { UI_TIMEOUT } from '../lib/workbench';

export const hover: Scenario = {
  name: 'hover a finding: the guidance is shown',
  async run({ wb, page, workspace, root, artifacts }) {
    const rule = ruleInfo(root, 'js/eval-injection');
    await wb.openFile('app.js');
    const at = locate(workspace, 'app.js', 'eval(expression)');
    await wb.goTo(at.line, at.column + 1);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I'); // editor.action.showHover
    const box = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: rule.title });
    await box.first().waitFor({ timeout: UI_TIMEOUT });
    const text = await box.first().innerText();
    check(text.includes(rule.id), `the hover does not name ${rule.id}:\n${text}`);
    for (const cwe of rule.cwe) check(text.includes(cwe), `the hover does not link ${cwe}:\n${text}`);
    const phrase = guidancePhrase(rule.guidance);
    check(phrase && text.includes(phrase), `the hover does not show the guidance page ("${phrase}"):\n${text}`);

    const shot = join(artifacts, 'editor-finding-hover.png');
    await page.screenshot({ path: shot });
    // The README picture is refreshed only on request, so ordinary runs leave the committed image alone.
    if (process.env.VIGIL_E2E_UPDATE_IMAGES === '1') copyFileSync(shot, join(root, 'images/editor-finding-hover.png'));
  },
};
