// Sample for the quick-fix scenario: the rule's fix turns certificate verification back on.
const https = require('https');

const agent = new https.Agent({ rejectUnauthorized: false });

module.exports = { agent };
