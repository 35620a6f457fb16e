// The shapes shared by every ticket provider: what a ticket is, where it lands, and how a provider files it. No vscode.
import type { HelpDestination } from '../../../../server/src/engine/types';

export type { HelpDestination };

export type TicketKind = 'question' | 'vulnerability' | 'review' | 'exception';
export type Urgency = 'low' | 'normal' | 'high' | 'critical';

/** A composed ticket, exactly as the preview shows it and the provider sends it. */
export interface Ticket {
  kind: TicketKind;
  urgency: Urgency;
  title: string;
  /** Markdown; ends with the `vigil-fingerprint: <hex>` line. */
  body: string;
  /** Short hex of sha256(rule + file + normalized code); what duplicate detection searches for. */
  fingerprint: string;
  /** Labels to ask for where the tracker has them. */
  labels: string[];
  /** Structured context for the webhook payload (already redacted; never holds a token). */
  context: Record<string, unknown>;
}

/** A ticket that exists on the tracker. */
export interface TicketRef {
  /** What people quote, e.g. `#42`, `SEC-123`, `o/r#7`. */
  ref: string;
  /** Where to open it, when the tracker has a page for it. */
  url?: string;
}

export interface FileResult extends TicketRef {
  /** True when an open ticket with the same fingerprint already existed and nothing was filed. */
  existing: boolean;
}

/** The secrets a provider may need; they come from SecretStorage and are never logged or put in a ticket. */
export interface Credentials {
  token?: string;
  /** Jira Cloud: the account email that goes with the API token. */
  email?: string;
}

export interface Provider {
  /** Human label of the destination, e.g. `Redmine https://redmine.example.com (project security)`. */
  readonly label: string;
  /** Looks for an open ticket carrying this fingerprint; undefined when there is none or no search API. */
  findExisting(ticket: Ticket): Promise<TicketRef | undefined>;
  /** Files the ticket once (no retry here: the filing loop re-checks for a duplicate before retrying). */
  create(ticket: Ticket): Promise<TicketRef>;
}

/** A HelpDestination with the fields providers read, typed. */
export interface Destination extends HelpDestination {
  /** Labels (GitHub, GitLab, Jira). */
  labels?: string[];
  /** Jira: 'cloud' (email + API token, Basic) or 'datacenter' (personal access token, Bearer). */
  auth?: 'cloud' | 'datacenter';
  /** Jira issue type name (default Task). */
  issueType?: string;
  /** Browser: a URL template with {title} and {body}. */
  urlTemplate?: string;
}
