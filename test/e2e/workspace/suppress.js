// Sample for the suppress scenario: this call is reviewed and accepted, so the finding gets a reasoned comment.
function runMigration(step) {
  return eval(step.code);
}

module.exports = { runMigration };
