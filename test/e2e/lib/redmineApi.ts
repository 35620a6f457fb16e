// The few Redmine REST calls the e2e run makes itself: create the "security" project, read tickets back.
export interface RedmineIssue {
  id: number;
  subject: string;
  description: string;
  project: { id: number; name: string };
}

export class RedmineApi {
  constructor(readonly url: string, private readonly apiKey: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const r = await fetch(`${this.url}${path}`, {
      method,
      headers: { 'X-Redmine-API-Key': this.apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, json: text ? JSON.parse(text) : undefined };
  }

  /** Creates the project unless it exists (the helper that started Redmine may already have made it). */
  async ensureProject(identifier: string): Promise<void> {
    const existing = await this.call('GET', `/projects/${identifier}.json`);
    if (existing.status === 200) return;
    const r = await this.call('POST', '/projects.json', {
      project: { name: identifier, identifier, enabled_module_names: ['issue_tracking'] },
    });
    if (r.status !== 201) throw new Error(`creating Redmine project ${identifier}: HTTP ${r.status} ${JSON.stringify(r.json)}`);
  }

  async issues(project: string): Promise<RedmineIssue[]> {
    const r = await this.call('GET', `/issues.json?project_id=${encodeURIComponent(project)}&status_id=*&limit=100&sort=id:desc`);
    if (r.status !== 200) throw new Error(`listing Redmine issues: HTTP ${r.status}`);
    return r.json.issues as RedmineIssue[];
  }

  async issue(id: number): Promise<RedmineIssue> {
    const r = await this.call('GET', `/issues/${id}.json`);
    if (r.status !== 200) throw new Error(`reading Redmine issue ${id}: HTTP ${r.status}`);
    return r.json.issue as RedmineIssue;
  }
}
