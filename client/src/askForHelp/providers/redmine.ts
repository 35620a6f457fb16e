// Redmine provider: POST /issues.json with X-Redmine-API-Key; duplicates found with the description filter on open issues.
import { TrackerError, checkUrl, joinUrl, request } from './http';
import type { Credentials, Destination, Provider, Ticket, TicketRef } from './types';
import type { TransportOptions } from './options';

export function redmineProvider(dest: Destination, creds: Credentials, opts: TransportOptions = {}): Provider {
  if (!dest.url) throw new TrackerError('config', 'Redmine: set the server URL (vigil.askForHelp.url or the pack/config "help.url").');
  if (!dest.project) throw new TrackerError('config', 'Redmine: set the project identifier (vigil.askForHelp.project).');
  const base = checkUrl(dest.url, 'Redmine').toString();
  const project = dest.project;
  const headers = (): Record<string, string> => {
    if (!creds.token) throw new TrackerError('config', 'Redmine: no API key is stored. Run "Vigil: Set Ticket Tracker Token".');
    return { 'X-Redmine-API-Key': creds.token, Accept: 'application/json' };
  };
  const ref = (id: number | string): TicketRef => ({ ref: `#${id}`, url: joinUrl(base, `/issues/${id}`) });
  return {
    label: `Redmine ${base.replace(/\/$/, '')} (project ${project})`,
    async findExisting(ticket: Ticket) {
      // `description=~x` is Redmine's "contains" filter; status_id=open skips closed tickets so a reopened
      // problem gets a new ticket. The exact marker is checked again here because "contains" is a LIKE.
      const q = new URLSearchParams({ project_id: project, status_id: 'open', description: `~${ticket.fingerprint}`, limit: '25' });
      const res = await request({ method: 'GET', url: joinUrl(base, `/issues.json?${q}`), headers: headers(), service: 'Redmine', ...opts });
      const issues = ((res.json as { issues?: Array<{ id: number; description?: string }> })?.issues ?? []).filter((i) =>
        (i.description ?? '').includes(`vigil-fingerprint: ${ticket.fingerprint}`),
      );
      return issues.length ? ref(issues[0].id) : undefined;
    },
    async create(ticket: Ticket) {
      const body = JSON.stringify({ issue: { project_id: project, subject: ticket.title, description: ticket.body } });
      const res = await request({
        method: 'POST',
        url: joinUrl(base, '/issues.json'),
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body,
        service: 'Redmine',
        ...opts,
        retries: 0,
      });
      const id = (res.json as { issue?: { id?: number } })?.issue?.id;
      if (id === undefined) throw new TrackerError('http', 'Redmine answered without an issue id.');
      return ref(id);
    },
  };
}
