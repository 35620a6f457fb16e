// Formats scan results for people (text) and machines (json); SARIF comes from the engine.
import type { Problem, Severity } from '../engine';
import type { FileScanResult } from './scanFile';

const SEV_LABEL: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' };

export function formatProblem(p: Problem): string {
  const loc = p.line !== undefined ? `${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ''}` : p.file;
  return `${loc} ${p.severity}: ${p.message}`;
}

export function formatText(results: FileScanResult[], color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { critical: '35;1', high: '31;1', medium: '33', low: '36', info: '2' };
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (f.suppression) continue;
      const loc = `${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${c('1', loc)}  ${c(sevColor[f.severity], SEV_LABEL[f.severity].padEnd(8))} ${f.ruleId}  ${f.message}`);
    }
  }
  return lines.join('\n');
}

export function formatJson(results: FileScanResult[], problems: Problem[]): string {
  return JSON.stringify(
    {
      version: 1,
      findings: results.flatMap((r) => r.findings.map((f) => ({ path: r.path, ...f }))),
      skipped: results.filter((r) => r.skipped).map((r) => ({ path: r.path, ...r.skipped })),
      problems,
    },
    null,
    2,
  );
}
