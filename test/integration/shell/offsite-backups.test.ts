import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup, listBackups } from '../../../src-main/agents/backup/backups';
import {
  chooseOffsiteFolder,
  keepOffsiteCopy,
  offsiteState,
  OFFSITE_STALE_MS,
  stopOffsiteCopies,
} from '../../../src-main/agents/backup/offsite';
import { DAY_MS, startDailyBackups } from '../../../src-main/agents/backup/schedule';
import { systemStatus } from '../../../src-main/agents/status/systemStatus';
import { problemOf } from '../../../src-main/core/status/problems';
import { NIGHT_OF_DAY, plentyOfRoom, seedShopFolder, type Shop } from './fixtures';
import { refusalOf } from '../../support/refusal';

/** Issue 15: every backup is copied to a second folder and verified there; a folder that goes away is a check until it returns. */

let shop: Shop;
let dir: string;
let backupDir: string;

beforeAll(async () => ({ shop, dir, backupDir } = await seedShopFolder('caredesk-offsite-', { appointments: 6 })));

afterAll(() => shop?.store.close());

const offsiteCheck = (at: number) =>
  systemStatus(shop.store, at, { agent: null, freeBytes: plentyOfRoom }).checks.find((c) => c.name === 'offsite-backup');


describe('off-site backups', () => {
  it('refuses a folder that is not there, a relative path and the backup folder itself, in words, and keeps copying off', async () => {
    const missing = await refusalOf(
      chooseOffsiteFolder(shop.store, { folder: join(dir, 'no-such-drive'), backupDir, now: NIGHT_OF_DAY }),
    );
    expect(missing.message).toBe(
      `There is no folder at ${join(dir, 'no-such-drive')}. Plug in the drive or create the folder first.`,
    );
    const relative = await refusalOf(chooseOffsiteFolder(shop.store, { folder: 'usb/backups', backupDir, now: NIGHT_OF_DAY }));
    expect(relative.details).toMatchObject({ field: 'folder' });
    mkdirSync(backupDir, { recursive: true });
    const same = await refusalOf(chooseOffsiteFolder(shop.store, { folder: backupDir, backupDir, now: NIGHT_OF_DAY }));
    expect(same.message).toMatch(/^That is the folder the backups are already in/);
    expect(offsiteState(shop.store, NIGHT_OF_DAY)).toEqual({ state: 'off' });
  });

  it('copies each backup and opens the copy; a folder that disappears is a failed check until it returns', async () => {
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    let clock = NIGHT_OF_DAY;
    await createBackup(shop.store, { dir: backupDir, reason: 'manual', now: clock });
    const chosen = await chooseOffsiteFolder(shop.store, { folder: usb, backupDir, now: clock });
    const newest = listBackups(backupDir)[0]!;
    expect(chosen).toMatchObject({
      state: 'ok',
      folder: usb,
      lastVerified: { name: newest.name, at: clock },
      problem: null,
    });
    // The copy is a whole database that opens and holds the shop's bookings.
    const copy = new Database(join(usb, newest.name), { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM appointments').get()).toEqual({ n: 6 });
    } finally {
      copy.close();
    }
    expect(readdirSync(usb).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const daily = startDailyBackups({
      dir: backupDir,
      getStore: () => shop.store,
      now: () => clock,
      checkEveryMs: 3_600_000,
    });
    try {
      // The drive is unplugged: the next day's backup is made here and the off-site check fails, in words.
      renameSync(usb, `${usb}-unplugged`);
      clock += DAY_MS;
      await daily.runNow();
      expect(listBackups(backupDir)).toHaveLength(2);
      expect(offsiteState(shop.store, clock)).toMatchObject({ state: 'missing' });
      const check = offsiteCheck(clock);
      expect(check?.status).toBe('warning');
      expect(check?.problem?.title).toBe('The off-site backup needs attention');
      expect(check?.message).toBe(
        `The off-site backup folder ${usb} is not there (a drive unplugged or a share offline), so new backups are only on this computer. Your bookings are safe on this computer and in its own backups. Plug the drive back in or reconnect the shared folder, or choose another folder: Settings → Shop and this desk → Off-site copy.`,
      );

      // Still away an hour later: the same check, seen again.
      clock += 60 * 60_000;
      await daily.runNow();
      expect(offsiteCheck(clock)?.problem?.occurrences).toBe(2);

      // Plugged back in: within the hour the newest backup is copied and the check closes.
      renameSync(`${usb}-unplugged`, usb);
      clock += 60 * 60_000;
      await daily.runNow();
      const newestNow = listBackups(backupDir)[0]!;
      expect(existsSync(join(usb, newestNow.name))).toBe(true);
      expect(offsiteState(shop.store, clock)).toMatchObject({
        state: 'ok',
        lastVerified: { name: newestNow.name, at: clock },
      });
      expect(offsiteCheck(clock)).toBeUndefined();
      expect(problemOf(shop.store, 'offsite-backup')).toBeNull();
    } finally {
      daily.stop();
    }
  });

  it('warns when the newest verified copy is more than two days old', () => {
    const verifiedAt = (offsiteState(shop.store, NIGHT_OF_DAY) as { lastVerified: { at: number } }).lastVerified.at;
    expect(offsiteState(shop.store, verifiedAt + OFFSITE_STALE_MS)).toMatchObject({ state: 'ok' });
    expect(offsiteState(shop.store, verifiedAt + OFFSITE_STALE_MS + 60_000)).toMatchObject({
      state: 'stale',
      problem: expect.stringMatching(/is more than two days old\.$/),
    });
  });

  it('a copy that cannot be put in place there is a failed check with the reason, and the next good copy closes it', async () => {
    const share = join(dir, 'share');
    mkdirSync(share);
    const clock = NIGHT_OF_DAY + 5 * DAY_MS;
    await chooseOffsiteFolder(shop.store, { folder: share, backupDir, now: clock });
    // The backup's own name is taken there by a folder with something in it: the copy cannot be renamed into place.
    const made = await createBackup(shop.store, { dir: backupDir, reason: 'manual', now: clock + 1 });
    mkdirSync(join(share, made.name));
    writeFileSync(join(share, made.name, 'keep'), 'x');
    // As "Back up now" does after its backup.
    expect(await keepOffsiteCopy(shop.store, backupDir, clock + 2)).toMatchObject({ state: 'failed' });
    expect(offsiteState(shop.store, clock + 2)).toMatchObject({
      state: 'failed',
      problem: expect.stringMatching(new RegExp(`^The last backup could not be copied to ${share}: `)),
    });
    expect(offsiteCheck(clock + 2)?.status).toBe('warning');
    expect(readdirSync(share).filter((name) => name.endsWith('.partial'))).toEqual([]);

    rmSync(join(share, made.name), { recursive: true });
    await keepOffsiteCopy(shop.store, backupDir, clock + 3);
    expect(offsiteState(shop.store, clock + 3)).toMatchObject({ state: 'ok', lastVerified: { name: made.name } });
    expect(offsiteCheck(clock + 3)).toBeUndefined();
    stopOffsiteCopies(shop.store, clock + 4);
    expect(offsiteState(shop.store, clock + 4)).toEqual({ state: 'off' });
    expect(problemOf(shop.store, 'offsite-backup')).toBeNull();
  });
});
