import { AppError } from '../../src-shared/errors';
import { idSchema } from '../../src-shared/entities';
import { keepSavedSecrets, providersInputSchema, type MessageProviders } from '../../src-messaging/settings';
import { z } from 'zod';
import type { Database } from '../db/connect';
import type { Logger } from '../log';
import type { DeviceIdentity } from '../sync/push';
import { isActiveOwnerOf } from '../sync/store';
import { loadShopProviders, saveShopProviders, shopProvidersSummary } from './providerStore';
import {
  noProviderYet,
  sendTestMessage,
  testMessageInputSchema,
  type TestMessageAnswer,
} from '../../src-messaging/testMessage';

/**
 * A paired desk's owner sets the shop's providers on the sync server, which is then the one
 * sender (docs/architecture.md §20): the server's `messages.setProviders` and
 * `messages.providersSummary`, for the device's own shop only.
 */

export const setProvidersInputSchema = z.strictObject({
  /** The person at the desk; the server checks that they are an active owner of the device's shop. */
  staffId: idSchema,
  providers: providersInputSchema,
});
export type SetProvidersInput = z.output<typeof setProvidersInputSchema>;

export interface RelayServices {
  db: Database;
  now: () => number;
  log: Logger;
  /** The key provider credentials are sealed with; null when the server has no CAREDESK_SECRET_KEY. */
  sealingKey: Buffer | null;
}

export const NO_SERVER_KEY =
  'The shop server has no key to keep passwords with: set CAREDESK_SECRET_KEY on the server.';

/** Saves the shop's providers, a secret left out keeping the server's saved one. */
export async function setShopProviders(
  services: RelayServices,
  device: DeviceIdentity,
  input: SetProvidersInput,
): Promise<{ saved: true }> {
  if (!(await isActiveOwnerOf(services.db, device.shopId, input.staffId))) {
    throw new AppError('FORBIDDEN', 'Only the shop owner can change how messages are sent.');
  }
  const key = services.sealingKey;
  if (key === null) throw new AppError('INTERNAL_ERROR', NO_SERVER_KEY, { field: 'CAREDESK_SECRET_KEY' });
  const saved = await loadShopProviders(services.db, device.shopId, key);
  await saveShopProviders(
    services.db,
    device.shopId,
    keepSavedSecrets(input.providers, saved?.settings ?? null),
    key,
    services.now(),
  );
  // Who and where only: the settings hold secrets, so they never reach the log.
  services.log.info(
    { shopId: device.shopId, deviceId: device.deviceId, staffId: input.staffId },
    'message providers saved',
  );
  return { saved: true };
}

/** The shop's providers with every secret redacted. */
export function shopProviders(services: RelayServices, device: DeviceIdentity): Promise<MessageProviders> {
  return shopProvidersSummary(services.db, device.shopId);
}

export const sendTestInputSchema = z.strictObject({ staffId: idSchema, test: testMessageInputSchema });

/** "Send a test message" from a paired desk: the shop's own provider on this server sends it. */
export async function sendShopTestMessage(
  services: RelayServices,
  device: DeviceIdentity,
  input: z.output<typeof sendTestInputSchema>,
): Promise<TestMessageAnswer> {
  if (!(await isActiveOwnerOf(services.db, device.shopId, input.staffId)))
    throw new AppError('FORBIDDEN', 'Only the shop owner can send a test message.');
  const key = services.sealingKey;
  if (key === null) throw new AppError('INTERNAL_ERROR', NO_SERVER_KEY, { field: 'CAREDESK_SECRET_KEY' });
  const saved = await loadShopProviders(services.db, device.shopId, key);
  const answer = await sendTestMessage(saved?.settings ?? null, input.test);
  if (answer === null) throw noProviderYet(input.test);
  services.log.info(
    { shopId: device.shopId, deviceId: device.deviceId, channel: input.test.channel, sent: answer.sent },
    'test message',
  );
  return answer;
}
