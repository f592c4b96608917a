import { demoTextsIn } from '../../../src-main/core/demo/texts';
import { e2eLanguage } from './spoken';

/**
 * The demo shop's own texts (its name, services, notes, reasons) as the run's desks seed it: in the
 * run's language (`--demo --language`, playwright.config.ts and ./rig.ts). A spec names demo data
 * through this, never literally, so one spec reads right in every language; they are the shop's
 * records, so the readers (./spoken.ts) leave them as they are.
 */
export const demoShop = demoTextsIn(e2eLanguage);
