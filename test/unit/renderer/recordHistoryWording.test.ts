import { describe, expect, it } from 'vitest';
import { describeEvent } from '../../../src-renderer/format';
import { recordLine } from '../../../src-renderer/recordHistoryWording';

const lookup = { staff: new Map<string, string>(), services: new Map<string, string>(), zone: 'Europe/London' };
const sam = { actorStaffId: 'sam', actorName: 'Sam Taylor' };
const maya = { actorStaffId: 'maya', actorName: 'Maya Okafor' };
type Kind = 'client' | 'staff' | 'service' | 'settings';
const event = (
  type: `${Kind}.${string}`,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  extra: { undoesEventType?: string; actorStaffId?: string; actorName?: string } = {},
) => ({
  type,
  entityType: type.split('.')[0] as Kind,
  undoesEventType: null as string | null,
  before,
  after,
  ...sam,
  ...extra,
});

describe('a record history line in words', () => {
  it('names who, whose field, and both values', () => {
    const line = recordLine(event('client.update', { phone: '07700 900001' }, { phone: '07700 900002' }), null, 'Zoë Smith', lookup);
    expect(line.headline).toBe("Sam Taylor changed Zoë Smith's phone from 07700 900001 to 07700 900002");
    expect(line.what).toBe("changed Zoë Smith's phone from 07700 900001 to 07700 900002");
  });

  it('says "You" to the person at the desk and keeps a two-word name whole', () => {
    expect(recordLine(event('client.create', {}, { name: 'Zoë Smith' }), 'sam', 'Zoë Smith', lookup).headline).toBe('You added the client Zoë Smith');
    expect(recordLine(event('client.create', {}, { name: 'Zoë Smith' }, maya), 'sam', 'Zoë Smith', lookup).headline).toBe(
      'Maya Okafor added the client Zoë Smith',
    );
  });

  it('reads an undo as what came back', () => {
    const line = recordLine(
      event('client.undo', { phone: '07700 900002' }, { phone: '07700 900001' }, { undoesEventType: 'client.update' }),
      'sam',
      'Zoë Smith',
      lookup,
    );
    expect(line.headline).toBe("You undid a change: Zoë Smith's phone is 07700 900001 again");
  });

  it('never shows a PIN or its hash, and says what happened to it', () => {
    const changed = recordLine(event('staff.update', { pinHash: '(set)' }, { pinHash: '(set)x' }), null, 'Priya Shah', lookup);
    expect(changed.headline).toBe('Sam Taylor changed the PIN');
    expect(recordLine(event('staff.update', { pinHash: null }, { pinHash: '(set)' }), null, 'Priya Shah', lookup).headline).toBe('Sam Taylor set a PIN');
  });

  it('gives durations in minutes and colours without codes', () => {
    expect(recordLine(event('service.update', { durationMin: 30 }, { durationMin: 45 }), null, 'Cut', lookup).headline).toBe(
      "Sam Taylor changed Cut's duration from 30 min to 45 min",
    );
    const colour = recordLine(event('staff.update', { colour: '#2f6f8f' }, { colour: '#8a5a2b' }), null, 'Priya Shah', lookup);
    expect(colour.headline).toBe("Sam Taylor changed Priya Shah's colour");
    expect(colour.headline).not.toMatch(/#/);
  });

  it('lists each field of a change to several, and names the shop settings without repeating "shop"', () => {
    const line = recordLine(
      event('client.update', { phone: '07700 900001', email: null }, { phone: '07700 900002', email: 'zoe@example.com' }),
      null,
      'Zoë Smith',
      lookup,
    );
    expect(line.headline).toBe("Sam Taylor changed Zoë Smith's details");
    expect(line.details).toEqual(["Changed Zoë Smith's phone from 07700 900001 to 07700 900002", "Set Zoë Smith's e-mail to zoe@example.com"]);
    expect(recordLine(event('settings.update', { shopName: 'A' }, { shopName: 'B' }), null, 'the shop settings', lookup).headline).toBe(
      'Sam Taylor changed the shop name from A to B',
    );
  });

  it('reads a deletion and its undo by their verbs, never as "Deleted: — → yes"', () => {
    const deleted = recordLine(event('client.delete', { deletedAt: null }, { deletedAt: 5 }), null, 'Zoë Smith', lookup);
    expect(deleted.headline).toBe('Sam Taylor deleted the client Zoë Smith');
    expect(deleted.details).toEqual([]);
    const undone = recordLine(
      event('client.undo', { deletedAt: 5 }, { deletedAt: null }, { undoesEventType: 'client.delete' }),
      null,
      'Zoë Smith',
      lookup,
    );
    expect(undone.headline).toBe('Sam Taylor undid the deletion of Zoë Smith');
  });

  it('an undo whose undone change is unknown reads "undid a change", never "the a change"', () => {
    expect(describeEvent(event('client.undo', {}, {}), null, true)).toBe('Sam Taylor undid a change to a client');
  });
});
