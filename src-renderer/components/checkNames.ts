/** What each system check is called on screen (the status banner and the Recovery Center). */
export const checkNames: Record<string, string> = {
  storage: 'Storage',
  integrity: 'Database check',
  disk: 'Disk space',
  sync: 'Sync',
  server: 'Shop server',
  pending: 'Waiting changes',
  clock: 'Clock',
  backup: 'Backup',
  'offsite-backup': 'Off-site backup',
  'server-health': 'Shop server health',
  update: 'Updates',
  'file-save': 'Saving files',
  messages: 'Messages',
};
