// Scenario 5: Ask for Help on a finding files a Redmine ticket. The token goes into SecretStorage through
// "Vigil: Set Ticket Tracker Token"; the preview is shown and confirmed; the ticket is read back over Redmine's REST
// API (rule id present, the nearby secret redacted); the notification links to it.
import { check, type Scenario } from '../lib/context';
import { locate } from '../lib/source';
import { UI_TIMEOUT } from '../lib/workbench';
import { waitUntil } from '../lib/waitFor';

const RULE = 'js/eval-injection';
const SECRET = 'Zq7vR2mK9wLp4Tx8'; // the hard-coded password two lines above the finding in ticket.js

export const askForHelp: Scenario = {
  name: 'Ask for Help: preview, confirm, a Redmine ticket with the rule id and redacted snippet, a link',
  async run({ wb, page, workspace, redmine }) {
    await wb.openFile('ticket.js');
    await wb.squiggles().first().waitFor({ timeout: UI_TIMEOUT });

    // The API key is typed into Vigil's own prompt, as a user would; it never appears in settings.
    await wb.runCommand('Vigil: Set Ticket Tracker Token');
    await wb.pick('Set the token for which destination?', new RegExp(`redmine ${escape(redmine.url)}`));
    await wb.answerInputBox(/^Vigil: .* for /, redmine.apiKey);

    const marker = `e2e-${Date.now().toString(36)}`;
    const description = `Can user input reach this eval? (${marker})`;
    const at = locate(workspace, 'ticket.js', 'eval(userFilter)');
    await wb.focusEditor();
    await wb.goTo(at.line, at.column + 1);
    await wb.runCommand('Vigil: Ask for Help');
    await wb.pick('Ask for help: what kind of request?', 'Suspected vulnerability');
    await wb.pick('How urgent is it?', /^normal$/);
    await wb.answerInputBox(/describe it for the security team/, description);

    // The read-only preview opens beside the editor and a modal asks for consent; nothing is sent before it.
    const preview = page.locator('.editor-group-container', { has: page.locator('.tab.active[aria-label^="ticket-"]') });
    await preview.waitFor({ timeout: UI_TIMEOUT });
    const previewText = await preview.locator('.view-lines').innerText();
    check(previewText.includes(RULE), `the preview does not name ${RULE}:\n${previewText}`);
    check(!previewText.includes(SECRET), 'the preview shows the secret unredacted');
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'Send this ticket to' });
    await dialog.waitFor({ timeout: UI_TIMEOUT });
    check((await redmine.api.issues(redmine.project)).every((i) => !i.description.includes(marker)), 'a ticket was filed before consent');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();

    const toast = wb.notification(/Vigil filed ticket #\d+/);
    await toast.waitFor({ timeout: UI_TIMEOUT });
    const ref = /#(\d+)/.exec(await toast.innerText())![1];

    const issue = await waitUntil('the ticket in Redmine', async () =>
      (await redmine.api.issues(redmine.project)).find((i) => i.description.includes(marker)));
    check(String(issue.id) === ref, `the notification names #${ref}, Redmine filed #${issue.id}`);
    const full = await redmine.api.issue(issue.id);
    check(full.description.includes(RULE) || full.subject.includes(RULE), `the ticket does not name ${RULE}`);
    check(full.description.includes('eval(userFilter)'), 'the ticket does not hold the code snippet');
    check(!full.description.includes(SECRET) && !full.subject.includes(SECRET), 'the ticket holds the secret unredacted');
    check(/«redacted:secrets\/[a-z-]+»/.test(full.description), `the ticket shows no redaction marker:\n${full.description}`);

    // The notification links to the ticket: a link in its message, with the ticket's URL.
    const ticketUrl = `${redmine.url}/issues/${issue.id}`;
    const link = toast.locator(`a[href="${ticketUrl}"]`);
    check((await link.count()) > 0, `the notification shows no link to ${ticketUrl}: "${await toast.innerText()}"`);

    // And its "Open" button opens the ticket. code-server sends loopback URLs through its own port proxy and
    // keeps only the port (/proxy/<port>/), as it would for a browser on another machine; desktop VS Code
    // opens the URL itself. The workbench opens external links with window.open, recorded in the page.
    const port = new URL(redmine.url).port;
    await page.evaluate(`(() => {
      window.__vigilOpened = [];
      const open = window.open;
      window.open = function (url, ...rest) { window.__vigilOpened.push(String(url)); return open.call(window, url, ...rest); };
    })()`);
    await toast.getByRole('button', { name: 'Open' }).click();
    await page.waitForFunction(
      `window.__vigilOpened.some((u) => u === ${JSON.stringify(ticketUrl)} || new URL(u).pathname.startsWith(${JSON.stringify(`/proxy/${port}/`)}))`,
      undefined,
      { timeout: UI_TIMEOUT },
    );
  },
};

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
