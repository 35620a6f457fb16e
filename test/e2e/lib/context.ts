// What every e2e scenario gets: the driven workbench, the workspace copy on disk, the Redmine under test.
import type { Page } from 'playwright-core';
import type { RedmineApi } from './redmineApi';
import type { Workbench } from './workbench';

export interface E2EContext {
  page: Page;
  wb: Workbench;
  /** The temporary copy of test/e2e/workspace that code-server has open. */
  workspace: string;
  redmine: { url: string; apiKey: string; project: string; api: RedmineApi };
  /** Where screenshots go (test/e2e/artifacts). */
  artifacts: string;
  /** The repository root. */
  root: string;
}

export interface Scenario {
  name: string;
  /** Upper bound for the whole scenario (default 180 s). */
  timeoutMs?: number;
  run(ctx: E2EContext): Promise<void>;
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
