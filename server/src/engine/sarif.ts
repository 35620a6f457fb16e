// Builds a SARIF 2.1.0 log from findings, for GitHub code scanning and other dashboards.
import type { Finding, Severity } from './types';
import type { CompiledRule } from './compile';
import { SUPPRESSION_RULES } from './builtinRules';

export interface SarifFileResult {
  /** Path relative to the scan root, with forward slashes. */
  path: string;
  findings: Finding[];
}

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

interface RuleMeta {
  id: string;
  title: string;
  message: string;
  severity: Severity;
  cwe: readonly string[];
  owasp: readonly string[];
  guidance: string;
  references?: string[];
}

function ruleDescriptor(r: RuleMeta) {
  const https = (r.references ?? []).find((u) => /^https:\/\//.test(u));
  return {
    id: r.id,
    name: r.id.replace(/[^A-Za-z0-9]+(.)?/g, (_: string, c?: string) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: r.title },
    fullDescription: { text: r.message },
    ...(https ? { helpUri: https } : {}),
    help: { text: r.message, markdown: r.guidance },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', ...r.cwe, ...r.owasp.map((o) => `OWASP-${o}`)],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
    },
  };
}

export function toSarif(results: SarifFileResult[], rules: CompiledRule[], tool: { version: string; informationUri?: string; rootUri?: string }) {
  const metas: RuleMeta[] = [...rules, SUPPRESSION_RULES.noReason as unknown as RuleMeta, SUPPRESSION_RULES.expired as unknown as RuleMeta];
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const descriptors = metas.filter((r) => used.has(r.id) || !r.id.startsWith('vigil/')).map(ruleDescriptor);
  const ruleIndex = new Map(descriptors.map((d, i) => [d.id, i]));
  const sarifResults = results.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { 'vigilFingerprint/v1': f.fingerprint },
      properties: { confidence: f.confidence, severity: f.severity },
      ...(f.fix
        ? {
            fixes: [
              {
                description: { text: f.fix.title },
                artifactChanges: [
                  {
                    artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
                    replacements: f.fix.edits.map((e) => ({
                      deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
                      insertedContent: { text: e.newText },
                    })),
                  },
                ],
              },
            ],
          }
        : {}),
      ...(f.suppression ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppression.reason + (f.suppression.until ? ` (until ${f.suppression.until})` : '') }] } : {}),
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Vigil', semanticVersion: tool.version, informationUri: tool.informationUri ?? 'https://github.com/vigil-security/vigil', rules: descriptors } },
        ...(tool.rootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: tool.rootUri.endsWith('/') ? tool.rootUri : tool.rootUri + '/' } } } : {}),
        results: sarifResults,
      },
    ],
  };
}
