// Picks the provider for a destination. Browser is not here: it opens a URL instead of filing (see browser.ts).
import { TrackerError } from './http';
import { githubProvider } from './github';
import { gitlabProvider } from './gitlab';
import { jiraProvider } from './jira';
import { redmineProvider } from './redmine';
import { webhookProvider } from './webhook';
import type { TransportOptions } from './options';
import type { Credentials, Destination, Provider } from './types';

export type { TransportOptions };
export * from './types';
export { TrackerError } from './http';

export const PROVIDERS = ['redmine', 'github', 'gitlab', 'jira', 'webhook', 'browser'] as const;

export function createProvider(dest: Destination, creds: Credentials, opts: TransportOptions = {}): Provider {
  switch (dest.provider) {
    case 'redmine':
      return redmineProvider(dest, creds, opts);
    case 'github':
      return githubProvider(dest, creds, opts);
    case 'gitlab':
      return gitlabProvider(dest, creds, opts);
    case 'jira':
      return jiraProvider(dest, creds, opts);
    case 'webhook':
      return webhookProvider(dest, creds, opts);
    default:
      throw new TrackerError('config', `Unknown or non-filing provider "${String(dest.provider)}".`);
  }
}
