// Jira provider: POST /rest/api/2/issue; Cloud uses Basic email:API-token, Data Center a Bearer PAT; duplicates via JQL text search.
import { TrackerError, checkUrl, joinUrl, request } from './http';
import type { Credentials, Destination, Provider, Ticket } from './types';
import type { TransportOptions } from './options';

export function jiraProvider(dest: Destination, creds: Credentials, opts: TransportOptions = {}): Provider {
  if (!dest.url) throw new TrackerError('config', 'Jira: set the site URL (vigil.askForHelp.url).');
  const key = dest.project;
  if (!key || !/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) throw new TrackerError('config', 'Jira: set the project key, e.g. SEC (vigil.askForHelp.project).');
  const base = checkUrl(dest.url, 'Jira').toString().replace(/\/$/, '');
  // Atlassian Cloud sites are *.atlassian.net; anything else is assumed to be Data Center unless told.
  const auth = dest.auth ?? (new URL(base).hostname.endsWith('.atlassian.net') ? 'cloud' : 'datacenter');
  const headers = (): Record<string, string> => {
    if (!creds.token) throw new TrackerError('config', 'Jira: no token is stored. Run "Vigil: Set Ticket Tracker Token".');
    if (auth === 'cloud') {
      if (!creds.email) throw new TrackerError('config', 'Jira Cloud: the account email is missing. Run "Vigil: Set Ticket Tracker Token" again.');
      return { Authorization: 'Basic ' + Buffer.from(`${creds.email}:${creds.token}`).toString('base64'), Accept: 'application/json' };
    }
    return { Authorization: `Bearer ${creds.token}`, Accept: 'application/json' };
  };
  const browse = (k: string) => ({ ref: k, url: joinUrl(base, `/browse/${k}`) });
  return {
    label: `Jira ${new URL(base).host} (project ${key})`,
    async findExisting(ticket: Ticket) {
      // The phrase is quoted inside the JQL string so Jira matches the hex token, not fuzzy words.
      const jql = `project = "${key}" AND text ~ "\\"${ticket.fingerprint}\\"" AND statusCategory != Done`;
      const q = new URLSearchParams({ jql, fields: 'summary,description', maxResults: '10' });
      let res;
      try {
        res = await request({ method: 'GET', url: joinUrl(base, `/rest/api/2/search?${q}`), headers: headers(), service: 'Jira', ...opts });
      } catch (e) {
        // Jira Cloud retired /rest/api/2/search (410 Gone); its successor is /rest/api/3/search/jql.
        if (!(e instanceof TrackerError) || (e.status !== 410 && e.status !== 404)) throw e;
        res = await request({ method: 'GET', url: joinUrl(base, `/rest/api/3/search/jql?${q}`), headers: headers(), service: 'Jira', ...opts });
      }
      // v2 returns the description as text, v3 as a document tree: look for the marker in either.
      const issues = ((res.json as { issues?: Array<{ key: string; fields?: { description?: unknown } }> })?.issues ?? []).filter((i) =>
        JSON.stringify(i.fields?.description ?? '').includes(ticket.fingerprint),
      );
      return issues.length ? browse(issues[0].key) : undefined;
    },
    async create(ticket: Ticket) {
      const fields: Record<string, unknown> = {
        project: { key },
        summary: ticket.title.replace(/[\r\n]+/g, ' '),
        description: ticket.body,
        issuetype: { name: dest.issueType ?? 'Task' },
      };
      // Jira labels cannot hold spaces.
      if (ticket.labels.length) fields.labels = ticket.labels.map((l) => l.replace(/\s+/g, '-'));
      const res = await request({
        method: 'POST',
        url: joinUrl(base, '/rest/api/2/issue'),
        headers: { ...headers(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields }),
        service: 'Jira',
        ...opts,
        retries: 0,
      });
      const k = (res.json as { key?: string })?.key;
      if (!k) throw new TrackerError('http', 'Jira answered without an issue key.');
      return browse(k);
    },
  };
}
