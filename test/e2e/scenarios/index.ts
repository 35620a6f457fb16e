// The e2e scenarios in the order they run (`npm run test:e2e -- 3 5` runs only those numbers).
import type { Scenario } from '../lib/context';
import { askForHelp } from './askForHelp';
import { hover } from './hover';
import { openJs } from './openJs';
import { openPython } from './openPython';
import { quickFix } from './quickFix';
import { scanWorkspace } from './scanWorkspace';
import { suppress } from './suppress';
import { typing } from './typing';

export const SCENARIOS: Scenario[] = [openJs, hover, quickFix, suppress, askForHelp, scanWorkspace, typing, openPython];
