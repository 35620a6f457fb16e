// Test helper: a realistic composed ticket (through the real composeTicket) for provider tests.
import { composeTicket } from '../../client/src/askForHelp/ticket';
import type { TicketKind } from '../../client/src/askForHelp/providers/types';

export function sampleTicket(kind: TicketKind = 'vulnerability', code = 'eval(req.query.expr);') {
  return composeTicket({
    kind,
    urgency: 'high',
    description: 'User input reaches eval here; is the allow-list enough?',
    finding: {
      ruleId: 'js/eval-injection',
      title: 'Code built from a non-constant string is evaluated',
      message: 'eval() runs a string that is not a constant.',
      severity: 'high',
      confidence: 'medium',
      cwe: ['CWE-95'],
      owasp: ['A03:2021'],
      helpUri: 'https://vigil.example/rules/js/eval-injection',
    },
    relPath: 'src/app.js',
    languageId: 'javascript',
    startLine: 5,
    endLine: 15,
    focusStart: 10,
    focusEnd: 10,
    snippet: ['// a', '// b', '// c', '// d', '// e', code, '// g', '// h', '// i', '// j', '// k'].join('\n'),
    redactionCount: 0,
    git: { remote: 'https://github.com/acme/web.git', branch: 'main', commit: '0123456789abcdef0123456789abcdef01234567' },
    versions: { extension: '0.1.0', vscode: '1.100.3' },
    labels: ['security'],
  });
}
