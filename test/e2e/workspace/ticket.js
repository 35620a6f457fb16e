// Sample for the Ask-for-help scenario: the secret two lines up must reach the ticket redacted.
const reportingPassword = "Zq7vR2mK9wLp4Tx8";

function applyFilter(userFilter) {
  return eval(userFilter);
}

module.exports = { applyFilter, reportingPassword };
