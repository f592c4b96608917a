import type { z } from 'zod';
import type { weekViewInputSchema } from '../../../src-shared/queries';
import { shopHoursOn } from '../../../src-shared/schedule';
import { addDays, localDayRange } from '../../../src-shared/time';
import type { Store } from '../store/open';
import { formatterOf } from '../../../src-shared/locale/format';
import { requireShopSettings } from '../settings/queries';
import { columnTimeOn } from './columnTime';
import { exceptionsBetween } from '../staff/scheduleQueries';
import { appointmentsBetween, scheduleColumns } from './dayView';

/**
 * Seven shop-local days from the shop's first day of the week (its locale setting): each day's opening hours, each staff member's working time
 * and blocks per day, and every appointment starting in the week, as the day view shapes them.
 * One index range for the whole week (one staff member's: the staff/start index).
 */
export function weekView(store: Store, input: z.output<typeof weekViewInputSchema>) {
  const settings = requireShopSettings(store);
  const zone = settings.timeZone;
  const weekStart = formatterOf(settings.locale).weekStartOf(input.date);
  const dates = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const start = localDayRange(weekStart, zone).start;
  const end = localDayRange(dates[6] as string, zone).end;
  const { appointments, allStaff } = appointmentsBetween(store, start, end, input.staffId);
  const { timeOff, blocks } = exceptionsBetween(store, start, end, input.staffId);
  const days = dates.map((date) => {
    const range = localDayRange(date, zone);
    return {
      date,
      dayStart: range.start,
      dayEnd: range.end,
      closed: settings.closedDates.includes(date),
      openingHours: shopHoursOn(settings, date).map((interval) => ({ opensAt: interval.start, closesAt: interval.end })),
    };
  });
  const staff = scheduleColumns(allStaff, appointments, input.staffId).map(({ workingHours, ...member }) => ({
    ...member,
    days: dates.map((date) => ({ date, ...columnTimeOn({ id: member.id, workingHours }, settings, date, timeOff, blocks) })),
  }));
  return { weekStart, timeZone: zone, start, end, days, staff, appointments };
}
