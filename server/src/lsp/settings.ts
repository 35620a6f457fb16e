// The server's settings type, its defaults, and the per-resource cache filled from workspace/configuration.
import type { Confidence, Severity } from '../engine/types';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint';

export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
}

/**
 * Everything the server reads from the `vigil` configuration section. The keys and defaults must
 * match `contributes.configuration` in package.json (a test checks it). `vigil.askForHelp.*` belongs
 * to the client's Ask-for-help flow and is not read here.
 */
export interface VigilSettings {
  enable: boolean;
  minSeverity: Severity;
  minConfidence: Confidence;
  packs: string[];
  overrides: Record<string, RuleOverride>;
  exclude: string[];
  maxFileSize: number;
  onlyChangedLines: boolean;
  severityMap: Record<Severity, DiagnosticLevel>;
}

export const DEFAULT_SETTINGS: VigilSettings = {
  enable: true,
  minSeverity: 'info',
  minConfidence: 'medium',
  packs: [],
  overrides: {},
  exclude: [],
  maxFileSize: 2097152,
  onlyChangedLines: false,
  severityMap: { critical: 'error', high: 'error', medium: 'warning', low: 'information', info: 'hint' },
};

/**
 * Settings as the client sent them. The client's middleware sends only the values a user actually
 * set (not VS Code's defaults), so that `.vigil/config.yaml` can sit between our defaults and the
 * user's own choices. Any key may therefore be missing.
 */
export type ExplicitSettings = Partial<VigilSettings>;

const SEVERITY_VALUES = ['critical', 'high', 'medium', 'low', 'info'];
const CONFIDENCE_VALUES = ['high', 'medium', 'low'];
const LEVEL_VALUES = ['error', 'warning', 'information', 'hint'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keep only well-typed values from whatever the client sent; a bad value is treated as unset. */
export function sanitizeSettings(raw: unknown): ExplicitSettings {
  if (!isRecord(raw)) return {};
  const out: ExplicitSettings = {};
  if (typeof raw.enable === 'boolean') out.enable = raw.enable;
  if (typeof raw.minSeverity === 'string' && SEVERITY_VALUES.includes(raw.minSeverity)) out.minSeverity = raw.minSeverity as Severity;
  if (typeof raw.minConfidence === 'string' && CONFIDENCE_VALUES.includes(raw.minConfidence)) {
    out.minConfidence = raw.minConfidence as Confidence;
  }
  if (Array.isArray(raw.packs)) out.packs = raw.packs.filter((p): p is string => typeof p === 'string');
  if (Array.isArray(raw.exclude)) out.exclude = raw.exclude.filter((p): p is string => typeof p === 'string');
  if (typeof raw.maxFileSize === 'number' && raw.maxFileSize > 0) out.maxFileSize = raw.maxFileSize;
  if (typeof raw.onlyChangedLines === 'boolean') out.onlyChangedLines = raw.onlyChangedLines;
  if (isRecord(raw.overrides)) {
    const o: Record<string, RuleOverride> = {};
    for (const [id, v] of Object.entries(raw.overrides)) {
      if (!isRecord(v)) continue;
      const ov: RuleOverride = {};
      if (typeof v.enabled === 'boolean') ov.enabled = v.enabled;
      if (typeof v.severity === 'string' && SEVERITY_VALUES.includes(v.severity)) ov.severity = v.severity as Severity;
      o[id] = ov;
    }
    out.overrides = o;
  }
  if (isRecord(raw.severityMap)) {
    const m = { ...DEFAULT_SETTINGS.severityMap };
    for (const s of SEVERITY_VALUES) {
      const v = raw.severityMap[s];
      if (typeof v === 'string' && LEVEL_VALUES.includes(v)) m[s as Severity] = v as DiagnosticLevel;
    }
    out.severityMap = m;
  }
  return out;
}

/** Settings with defaults filled in, for the keys that do not depend on the config file. */
export function withDefaults(s: ExplicitSettings): VigilSettings {
  return { ...DEFAULT_SETTINGS, ...s };
}

/**
 * A per-resource cache of pulled settings, as vscode-eslint does it: the first request for a URI
 * asks the client, later ones reuse the promise, and a configuration change clears everything.
 */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<ExplicitSettings>>();
  constructor(private readonly fetch: (uri: string | undefined) => Promise<unknown>) {}

  get(uri: string | undefined): Promise<ExplicitSettings> {
    const key = uri ?? '';
    let p = this.cache.get(key);
    if (!p) {
      p = this.fetch(uri).then(sanitizeSettings, () => ({}));
      this.cache.set(key, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }
}
