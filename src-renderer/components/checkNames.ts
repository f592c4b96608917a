import type { ParseKeys } from 'i18next';
import { screenT } from '../i18n';

/** What each system check is called on screen (the status banner and the Recovery Center). */
const checkNames: Record<string, ParseKeys<'components'>> = {
  storage: 'checkStorage',
  integrity: 'checkIntegrity',
  disk: 'checkDisk',
  sync: 'checkSync',
  server: 'checkServer',
  pending: 'checkPending',
  clock: 'checkClock',
  backup: 'checkBackup',
  'offsite-backup': 'checkOffsiteBackup',
  'server-health': 'checkServerHealth',
  update: 'checkUpdate',
  'file-save': 'checkFileSave',
  messages: 'checkMessages',
};

/** A check's name in the shop's language; a check this desk does not know keeps its own name. */
export function checkNameOf(name: string): string {
  return name in checkNames ? screenT('components')(checkNames[name]!) : name;
}
