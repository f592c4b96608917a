import { describe, expect, it } from 'vitest';
import { keepUnchangedBookings } from '../../../src-renderer/api/keepUnchangedBookings';

/** A day as the day query answers it, in the parts that matter here: its bookings in start order. */
const booking = (id: string, startsAt: number, client = `Client ${id}`) => ({ id, startsAt, client: { name: client, allergies: '' }, formsMissing: [] as string[] });
const day = (...appointments: ReturnType<typeof booking>[]) => ({ date: '2026-06-17', timeZone: 'Europe/London', appointments });

describe('a day fetched again keeps the bookings that did not change (their cards do not render again)', () => {
  it('a booking added early in the day leaves every later booking the same object', () => {
    const before = day(booking('b', 10), booking('c', 20), booking('d', 30));
    const after = day(booking('a', 5), booking('b', 10), booking('c', 20), booking('d', 30));
    const shared = keepUnchangedBookings(before, after) as typeof after;
    expect(shared.appointments.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(shared.appointments[1]).toBe(before.appointments[0]);
    expect(shared.appointments[2]).toBe(before.appointments[1]);
    expect(shared.appointments[3]).toBe(before.appointments[2]);
    expect(shared.appointments[0]).toEqual(after.appointments[0]);
  });

  it('a booking that changed is a new object with what changed; the rest stay', () => {
    const before = day(booking('a', 5), booking('b', 10, 'Ana Silva'));
    const after = day(booking('a', 5), booking('b', 10, 'Ana Costa'));
    const shared = keepUnchangedBookings(before, after) as typeof after;
    expect(shared.appointments[0]).toBe(before.appointments[0]);
    expect(shared.appointments[1]).not.toBe(before.appointments[1]);
    expect(shared.appointments[1]?.client.name).toBe('Ana Costa');
    // Its unchanged parts are still shared.
    expect(shared.appointments[1]?.formsMissing).toBe(before.appointments[1]?.formsMissing);
  });

  it('a moved booking takes its new place, the others keep theirs; an unchanged day is the day it was', () => {
    const before = day(booking('a', 5), booking('b', 10), booking('c', 20));
    const moved = day(booking('b', 10), booking('c', 20), booking('a', 25));
    const shared = keepUnchangedBookings(before, moved) as typeof moved;
    expect(shared.appointments.map((item) => item.id)).toEqual(['b', 'c', 'a']);
    expect(shared.appointments[0]).toBe(before.appointments[1]);
    expect(shared.appointments[2]?.startsAt).toBe(25);
    const again = day(booking('a', 5), booking('b', 10), booking('c', 20));
    expect(keepUnchangedBookings(before, again)).toBe(before);
    expect(keepUnchangedBookings(undefined, again)).toBe(again);
  });
});
