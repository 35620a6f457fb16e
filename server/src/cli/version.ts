// The version of Vigil, read from the package manifest at build time.
export const VERSION: string = (require("../../../package.json") as { version: string }).version;
