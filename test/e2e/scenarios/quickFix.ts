// Scenario 3: applying a finding's quick fix changes the text as the rule's fix says, and the finding goes away.
import { check, type Scenario } from '../lib/context';
import { ruleInfo } from '../lib/rules';
import { locate, waitForFile } from '../lib/source';
import { UI_TIMEOUT } from '../lib/workbench';

export const quickFix: Scenario = {
  name: 'apply a quick fix: the text changes and the finding disappears',
  async run({ wb, page, workspace, root }) {
    const rule = ruleInfo(root, 'js/tls-reject-unauthorized');
    check(rule.fixTitle, `${rule.id} has no fix`);
    await wb.openFile('tls.js');
    await wb.filterProblems(rule.id);
    const row = wb.problem(rule.id, 'tls.js');
    await row.waitFor({ timeout: UI_TIMEOUT });

    const at = locate(workspace, 'tls.js', 'false');
    await wb.focusEditor();
    await wb.goTo(at.line, at.column + 1);
    await wb.openQuickFix();
    await wb.codeAction(rule.fixTitle);
    // The rule's fix replaces the `false` value with `true`; nothing else on the line moves.
    await wb.waitForEditorText('rejectUnauthorized: true');
    await wb.saveActive();
    const text = await waitForFile(workspace, 'tls.js', (t) => t.includes('rejectUnauthorized: true'), 'hold the fixed line');
    check(!text.includes('rejectUnauthorized: false'), 'the insecure value is still in the file');
    await row.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  },
};
