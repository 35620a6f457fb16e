// GitLab provider: POST /api/v4/projects/:id/issues with PRIVATE-TOKEN; duplicates found with the issues search.
import { TrackerError, checkUrl, joinUrl, request } from './http';
import type { Credentials, Destination, Provider, Ticket } from './types';
import type { TransportOptions } from './options';

export function gitlabProvider(dest: Destination, creds: Credentials, opts: TransportOptions = {}): Provider {
  const project = dest.project;
  if (!project) throw new TrackerError('config', 'GitLab: set the project as its numeric id or "group/project" path (vigil.askForHelp.project).');
  const base = checkUrl(dest.url ?? 'https://gitlab.com', 'GitLab').toString().replace(/\/$/, '');
  // The :id segment is the numeric id or the URL-encoded full path (group%2Fsub%2Fproject).
  const issuesPath = `/api/v4/projects/${encodeURIComponent(project)}/issues`;
  const headers = (): Record<string, string> => {
    if (!creds.token) throw new TrackerError('config', 'GitLab: no token is stored. Run "Vigil: Set Ticket Tracker Token".');
    return { 'PRIVATE-TOKEN': creds.token, Accept: 'application/json' };
  };
  return {
    label: `GitLab ${new URL(base).host} (${project})`,
    async findExisting(ticket: Ticket) {
      const q = new URLSearchParams({ search: ticket.fingerprint, in: 'description', state: 'opened', per_page: '10' });
      const res = await request({ method: 'GET', url: joinUrl(base, `${issuesPath}?${q}`), headers: headers(), service: 'GitLab', ...opts });
      const items = ((res.json as Array<{ iid: number; web_url: string; description?: string }>) ?? []).filter?.((i) =>
        (i.description ?? '').includes(ticket.fingerprint),
      ) ?? [];
      return items.length ? { ref: `#${items[0].iid}`, url: items[0].web_url } : undefined;
    },
    async create(ticket: Ticket) {
      const payload: Record<string, unknown> = { title: ticket.title, description: ticket.body };
      // GitLab takes labels as one comma-separated string.
      if (ticket.labels.length) payload.labels = ticket.labels.join(',');
      const res = await request({
        method: 'POST',
        url: joinUrl(base, issuesPath),
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        service: 'GitLab',
        ...opts,
        retries: 0,
      });
      const j = res.json as { iid?: number; web_url?: string };
      if (j?.iid === undefined) throw new TrackerError('http', 'GitLab answered without an issue iid.');
      return { ref: `#${j.iid}`, url: j.web_url };
    },
  };
}
