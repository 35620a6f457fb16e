// Never opened by the e2e test: a hard-coded credential that "Vigil: Scan Workspace" must report.
module.exports = {
  databasePassword: "u8Kd2Lq9Xw3Zp7Rt",
};
