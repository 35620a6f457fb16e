// Browser provider (the default, no token): a prefilled new-issue URL for GitHub/GitLab or a URL template, within a length limit.
import { TrackerError, checkUrl } from './http';

/** Browsers and servers (GitHub answers 414) cope with about this many characters; longer bodies are cut. */
export const DEFAULT_URL_LIMIT = 8000;
export const TRUNCATION_MARKER = '[…truncated by Vigil]';

export interface RepoWeb {
  kind: 'github' | 'gitlab' | 'other';
  /** https://host/owner/repo, without .git and without any credentials. */
  webUrl: string;
  /** owner/repo (or group/sub/project). */
  path: string;
  host: string;
}

/** Understands https, ssh:// and scp-like (git@host:o/r.git) remotes; drops user names and tokens. */
export function parseRemote(remote: string | undefined): RepoWeb | undefined {
  if (!remote) return undefined;
  const r = remote.trim();
  let host: string;
  let path: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(r);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r)) {
    let u: URL;
    try {
      u = new URL(r);
    } catch {
      return undefined;
    }
    if (!/^(https?|ssh|git|git\+ssh):$/.test(u.protocol)) return undefined;
    host = u.hostname;
    path = decodeURIComponent(u.pathname);
  } else if (scp) {
    host = scp[1];
    path = scp[2];
  } else {
    return undefined;
  }
  path = path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  if (!host || !path.includes('/')) return undefined;
  const kind = /(^|\.)github\.com$/i.test(host) || /github/i.test(host) ? 'github' : /gitlab/i.test(host) ? 'gitlab' : 'other';
  return { kind, host, path, webUrl: `https://${host}/${path}` };
}

/** Removes any user:password@ part, so a remote with an embedded token never reaches a ticket. */
export function sanitizeRemote(remote: string | undefined): string | undefined {
  if (!remote) return undefined;
  const r = remote.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(r)) {
    try {
      const u = new URL(r);
      u.username = '';
      u.password = '';
      return u.toString();
    } catch {
      return undefined;
    }
  }
  // scp-like: keep the conventional "git@" user (not a secret), drop anything with a colon before @.
  return r.replace(/^[^@/\s]*:[^@/\s]*@/, '');
}

export interface BrowserTarget {
  /** A template with {title} and {body} (URL-encoded on substitution). Wins over everything else. */
  urlTemplate?: string;
  /** The repository's web URL (GitHub or GitLab), e.g. from settings. */
  url?: string;
  /** The git remote of the file's repository. */
  remote?: string;
  limit?: number;
}

/** Builds the new-issue URL; throws a TrackerError('config') when no target can be derived. */
export function browserNewIssueUrl(title: string, body: string, target: BrowserTarget): string {
  const limit = target.limit ?? DEFAULT_URL_LIMIT;
  const make = pickBuilder(target);
  const full = make(title, body);
  if (full.length <= limit) return full;
  // Keep the fingerprint line at the end so the security team can still dedupe a truncated ticket.
  const fpLine = /\n(vigil-fingerprint: [0-9a-f]+)\s*$/.exec(body)?.[1];
  const tail = `\n\n${TRUNCATION_MARKER}` + (fpLine ? `\n\n${fpLine}` : '');
  let t = title;
  if (make(t, tail).length > limit) {
    // Even an empty body does not fit: shorten the title too (rare: a huge template or title).
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (make(t.slice(0, mid) + '…', tail).length <= limit) lo = mid;
      else hi = mid - 1;
    }
    t = t.slice(0, lo) + '…';
    if (make(t, tail).length > limit) throw new TrackerError('config', 'The new-issue URL template is longer than the URL limit.');
    return make(t, tail);
  }
  // Largest body prefix that fits, found by bisection (encoding makes the length non-linear).
  let lo = 0;
  let hi = body.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (make(t, cut(body, mid) + tail).length <= limit) lo = mid;
    else hi = mid - 1;
  }
  return make(t, cut(body, lo) + tail);
}

/** A prefix that never splits a surrogate pair, so the encoded URL stays valid UTF-8. */
function cut(s: string, n: number): string {
  let p = s.slice(0, n);
  if (/[\uD800-\uDBFF]$/.test(p)) p = p.slice(0, -1);
  return p;
}

function pickBuilder(target: BrowserTarget): (title: string, body: string) => string {
  if (target.urlTemplate) {
    checkUrl(target.urlTemplate.replace(/\{(title|body)\}/g, 'x'), 'new-issue URL template');
    if (!/\{title\}|\{body\}/.test(target.urlTemplate)) throw new TrackerError('config', 'The new-issue URL template needs {title} and/or {body}.');
    const tpl = target.urlTemplate;
    return (title, body) => tpl.replace(/\{title\}/g, encodeURIComponent(title)).replace(/\{body\}/g, encodeURIComponent(body));
  }
  let repo: RepoWeb | undefined;
  if (target.url) {
    checkUrl(target.url, 'repository');
    repo = parseRemote(target.url);
  }
  if (!repo || repo.kind === 'other') repo = parseRemote(target.remote) ?? repo;
  if (!repo || repo.kind === 'other') {
    throw new TrackerError('config', 'No new-issue page is known for this repository (not GitHub or GitLab). Set vigil.askForHelp.urlTemplate or another provider.');
  }
  const web = repo.webUrl;
  if (repo.kind === 'github') {
    return (title, body) => `${web}/issues/new?title=${encodeURIComponent(title)}&body=${encodeURIComponent(body)}`;
  }
  return (title, body) =>
    `${web}/-/issues/new?issue[title]=${encodeURIComponent(title)}&issue[description]=${encodeURIComponent(body)}`;
}
