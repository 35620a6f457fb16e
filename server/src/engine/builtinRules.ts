// Rules the engine itself reports, about suppression comments rather than code.
export const SUPPRESSION_RULES = {
  noReason: {
    id: 'vigil/suppression-no-reason',
    title: 'Suppression without a reason',
    message: 'This vigil-ignore comment gives no reason, so it does not suppress anything. Add one: vigil-ignore <rule-id> -- <why this is safe>.',
    severity: 'low',
    cwe: ['CWE-710'],
    owasp: ['A04:2021'],
    guidance:
      '# Suppression without a reason\n\nA `vigil-ignore` comment must say why the finding is safe, so that reviewers and auditors can check the decision later.\n\n```js\n// vigil-ignore js/eval-injection -- expression comes from our own build-time constant table\n```\n\nWithout `-- <reason>`, the comment is ignored and the original finding stays.',
  },
  expired: {
    id: 'vigil/suppression-expired',
    title: 'Expired suppression',
    message: 'This vigil-ignore comment has passed its "until" date and no longer suppresses the finding. Fix the code, or renew the exception with a new date and reason.',
    severity: 'medium',
    cwe: ['CWE-710'],
    owasp: ['A04:2021'],
    guidance:
      '# Expired suppression\n\nA suppression with `until YYYY-MM-DD` is a time-boxed exception. After that date the finding is reported again, and so is the stale comment, so the exception is revisited rather than forgotten.\n\nFix the underlying problem, or agree a new exception and update the date.',
  },
} as const;
