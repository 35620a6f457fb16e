// Decides where a ticket goes: the rule's pack, then .vigil/config.yaml, then settings, then the browser; trust-aware. No vscode.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROVIDERS } from './providers';
import type { BrowserTarget } from './providers/browser';
import { githubApiBase } from './providers/github';
import type { Destination, HelpDestination } from './providers/types';

/** The destination-related settings (vigil.askForHelp.*), one layer at a time. */
export interface HelpSettings {
  provider?: string;
  url?: string;
  project?: string;
  labels?: string[];
  urlTemplate?: string;
  jiraAuth?: 'cloud' | 'datacenter';
  jiraIssueType?: string;
}

export interface DestinationSources {
  /** vscode.workspace.isTrusted. */
  trusted: boolean;
  /** The help destination of the finding's pack, and whether that pack ships with the extension. */
  pack?: { id?: string; help?: HelpDestination; builtin: boolean };
  /** `help:` from the workspace's .vigil/config.yaml. */
  workspaceConfig?: HelpDestination;
  /** User (global) settings, and workspace/folder settings (merged, folder over workspace). */
  userSettings?: HelpSettings;
  workspaceSettings?: HelpSettings;
}

export type DestinationSource = 'pack' | 'workspaceConfig' | 'workspaceSettings' | 'userSettings' | 'default';

export interface ResolvedDestination {
  destination: Destination;
  source: DestinationSource;
  /** Why this destination, for the preview ("from pack acme-web", "from your user settings"...). */
  reason: string;
  /** Workspace-level choices that were ignored because the workspace is not trusted. */
  ignored: string[];
}

function valid(d: HelpDestination | undefined): d is HelpDestination {
  return !!d && typeof d === 'object' && (PROVIDERS as readonly string[]).includes(String(d.provider));
}

function fromSettings(s: HelpSettings): Destination | undefined {
  if (!s.provider) return undefined;
  const d: Destination = { provider: s.provider as Destination['provider'] };
  if (s.url) d.url = s.url;
  if (s.project) d.project = s.project;
  if (s.urlTemplate) d.urlTemplate = s.urlTemplate;
  if (s.jiraAuth) d.auth = s.jiraAuth;
  if (s.jiraIssueType) d.issueType = s.jiraIssueType;
  return valid(d) ? d : undefined;
}

/** Keeps only keys that are set, so a layer can be spread over another. */
function defined(s: HelpSettings | undefined): HelpSettings {
  return Object.fromEntries(Object.entries(s ?? {}).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/**
 * Most specific first: the rule's pack, .vigil/config.yaml, settings, the browser. In an untrusted
 * workspace nothing the workspace controls may decide where code is sent: not its config file, not
 * its settings, not a pack it brought. Only built-in packs and the user's own settings count then.
 */
export function resolveDestination(src: DestinationSources): ResolvedDestination {
  const ignored: string[] = [];
  const user = defined(src.userSettings);
  const ws = defined(src.workspaceSettings);
  const settings = src.trusted ? { ...user, ...ws } : user;
  const labels = settings.labels ?? ['security'];
  const withLabels = (d: HelpDestination): Destination => ({ labels, ...d }) as Destination;

  if (valid(src.pack?.help)) {
    if (src.trusted || src.pack!.builtin) {
      return { destination: withLabels(src.pack!.help!), source: 'pack', reason: `named by rule pack ${src.pack!.id ?? ''}`.trim(), ignored };
    }
    ignored.push(`the help destination of workspace pack ${src.pack!.id ?? ''}`.trim());
  }
  if (valid(src.workspaceConfig)) {
    if (src.trusted) return { destination: withLabels(src.workspaceConfig), source: 'workspaceConfig', reason: 'from .vigil/config.yaml', ignored };
    ignored.push('help: in .vigil/config.yaml');
  }
  if (!src.trusted && Object.keys(ws).length) ignored.push('workspace settings vigil.askForHelp.*');
  const fromWs = src.trusted && ws.provider !== undefined;
  const d = fromSettings(settings);
  if (d) {
    return {
      destination: { labels, ...d },
      source: fromWs ? 'workspaceSettings' : 'userSettings',
      reason: fromWs ? 'from workspace settings' : 'from your user settings',
      ignored,
    };
  }
  return { destination: { provider: 'browser', labels }, source: 'default', reason: 'default: prefilled new-issue page in the browser', ignored };
}

/**
 * What the browser provider may use. The git remote is workspace data too (a cloned repository
 * chooses it), so in an untrusted workspace it does not pick the new-issue page either.
 */
export function browserTarget(dest: Destination, remote: string | undefined, trusted: boolean): { target: BrowserTarget; ignored?: string } {
  const target: BrowserTarget = { urlTemplate: dest.urlTemplate, url: dest.url };
  if (trusted) return { target: { ...target, remote } };
  return { target, ignored: remote ? 'the git remote as the new-issue page' : undefined };
}

/** Reads `help:` from <root>/.vigil/config.yaml; undefined when absent or malformed (the server reports config problems). */
export function readWorkspaceHelp(root: string): HelpDestination | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, '.vigil', 'config.yaml'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const doc = parse(text, { maxAliasCount: 100 }) as { help?: unknown } | null;
    const help = doc && typeof doc === 'object' ? doc.help : undefined;
    return valid(help as HelpDestination) ? (help as HelpDestination) : undefined;
  } catch {
    return undefined;
  }
}

/** The SecretStorage key of a destination's credentials: per provider and host, so a token is only ever sent where it was stored for. */
export function secretKey(d: Pick<Destination, 'provider' | 'url'>): string {
  let host = '';
  let url = d.url;
  if (d.provider === 'github') {
    // github.com and api.github.com are one destination; so are a GHE host and its /api/v3.
    try {
      url = githubApiBase(d.url);
    } catch {
      url = d.url;
    }
  }
  if (url) {
    try {
      const u = new URL(url);
      host = u.host + u.pathname.replace(/\/+$/, '');
    } catch {
      host = url;
    }
  } else if (d.provider === 'gitlab') host = 'gitlab.com';
  return `vigil.askForHelp.credentials/${d.provider}/${host}`;
}
