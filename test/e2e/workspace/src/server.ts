// Never opened by the e2e test: its findings must come from "Vigil: Scan Workspace".
import { exec } from 'child_process';

export function ping(host: string): void {
  exec(`ping -c 1 ${host}`);
}

export function compute(formula: string): unknown {
  return eval(formula);
}
