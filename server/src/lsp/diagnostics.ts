// Turns engine findings into LSP diagnostics: which findings are shown, their severity, code, href and data.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine/types';
import { atLeastConfidence, atLeastSeverity } from '../engine/types';
import type { DiagnosticData } from './protocol';
import type { DiagnosticLevel, VigilSettings } from './settings';

const LEVELS: Record<DiagnosticLevel, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** True for the engine's own findings about suppression comments (expired, no reason). */
export function isSuppressionProblem(ruleId: string): boolean {
  return ruleId.startsWith('vigil/suppression');
}

/**
 * The findings the editor shows: not suppressed, and at or above the severity and confidence
 * thresholds. A broken suppression is always shown: hiding it would hide the finding it failed to
 * suppress from the reason it is back.
 */
export function shownFindings(findings: Finding[], s: Pick<VigilSettings, 'minSeverity' | 'minConfidence'>): Finding[] {
  return findings.filter((f) => {
    if (f.suppression) return false;
    if (isSuppressionProblem(f.ruleId)) return true;
    return atLeastSeverity(f.severity, s.minSeverity) && atLeastConfidence(f.confidence, s.minConfidence);
  });
}

export function toDiagnostic(f: Finding, index: number, version: number, s: Pick<VigilSettings, 'severityMap'>): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, fingerprint: f.fingerprint, version, index };
  const d: Diagnostic = {
    range: f.range,
    severity: LEVELS[s.severityMap[f.severity]] ?? DiagnosticSeverity.Warning,
    source: 'vigil',
    code: f.ruleId,
    message: f.message,
    data,
  };
  if (f.helpUri) d.codeDescription = { href: f.helpUri };
  return d;
}

export function isDiagnosticData(v: unknown): v is DiagnosticData {
  const d = v as DiagnosticData | undefined;
  return !!d && typeof d.ruleId === 'string' && typeof d.fingerprint === 'string' && typeof d.version === 'number' && typeof d.index === 'number';
}
