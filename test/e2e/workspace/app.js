// Sample service for Vigil's end-to-end tests (scenarios 1 and 2). Every flagged line is deliberately insecure.
const { exec } = require('child_process');

function runReport(req) {
  const expression = req.query.expr;
  return eval(expression);
}

function listFiles(req, res) {
  exec('ls -l ' + req.query.dir, (err, out) => res.send(out));
}

module.exports = { runReport, listFiles };
