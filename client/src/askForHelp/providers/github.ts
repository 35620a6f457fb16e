// GitHub / GitHub Enterprise provider: POST /repos/{owner}/{repo}/issues; duplicates found with the issue search API.
import { TrackerError, checkUrl, joinUrl, request } from './http';
import type { Credentials, Destination, Provider, Ticket } from './types';
import type { TransportOptions } from './options';

/** github.com's API; GitHub Enterprise Server is `https://<host>/api/v3`. */
export const GITHUB_API = 'https://api.github.com';

export function githubApiBase(url: string | undefined): string {
  if (!url) return GITHUB_API;
  const u = checkUrl(url, 'GitHub');
  // People paste the web address; the API of github.com lives on another host, GHE's under /api/v3.
  if (u.hostname === 'github.com' || u.hostname === 'www.github.com') return GITHUB_API;
  if (u.hostname !== 'api.github.com' && !/\/api\/v3\/?$/.test(u.pathname)) return joinUrl(u.origin + u.pathname, '/api/v3');
  return u.toString().replace(/\/$/, '');
}

export function githubProvider(dest: Destination, creds: Credentials, opts: TransportOptions = {}): Provider {
  const repo = dest.project;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new TrackerError('config', 'GitHub: set the repository as "owner/repo" (vigil.askForHelp.project).');
  const base = githubApiBase(dest.url);
  const headers = (): Record<string, string> => {
    if (!creds.token) throw new TrackerError('config', 'GitHub: no token is stored. Run "Vigil: Set Ticket Tracker Token".');
    return { Authorization: `Bearer ${creds.token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
  };
  const [owner, name] = repo.split('/');
  return {
    label: `GitHub ${base === GITHUB_API ? 'github.com' : new URL(base).host} (${repo})`,
    async findExisting(ticket: Ticket) {
      const q = `"${ticket.fingerprint}" repo:${repo} is:issue is:open`;
      const res = await request({ method: 'GET', url: joinUrl(base, `/search/issues?q=${encodeURIComponent(q)}&per_page=10`), headers: headers(), service: 'GitHub', ...opts });
      const items = ((res.json as { items?: Array<{ number: number; html_url: string; body?: string }> })?.items ?? []).filter((i) =>
        (i.body ?? '').includes(ticket.fingerprint),
      );
      return items.length ? { ref: `${repo}#${items[0].number}`, url: items[0].html_url } : undefined;
    },
    async create(ticket: Ticket) {
      const payload: Record<string, unknown> = { title: ticket.title, body: ticket.body };
      if (ticket.labels.length) payload.labels = ticket.labels;
      const res = await request({
        method: 'POST',
        url: joinUrl(base, `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}/issues`),
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        service: 'GitHub',
        ...opts,
        retries: 0,
      });
      const j = res.json as { number?: number; html_url?: string };
      if (j?.number === undefined) throw new TrackerError('http', 'GitHub answered without an issue number.');
      return { ref: `${repo}#${j.number}`, url: j.html_url };
    },
  };
}
