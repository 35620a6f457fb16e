// The e2e scenarios in the order they run (numbers in `npm run test:e2e -- 3 5` select some).
import type { Scenario } from '../lib/context';
import { openJs } from './openJs';

export const SCENARIOS: Scenario[] = [openJs];
