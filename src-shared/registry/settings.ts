import { z } from 'zod';
import {
  DEFAULT_MESSAGE_SETTINGS,
  localDateSchema,
  messageChannels,
  messageKinds,
  messageSettingsSchema,
  openingHoursSchema,
  paperSizes,
  SETTINGS_ID,
  timeZoneSchema,
  type Settings,
} from '../entities';
import { changeOp, createOp, declareEntity } from './declare';
import { atLeastOne, name } from './fields';
import { checkedSpecialDays, specialDaysArgs } from './hours';
import { definedOnly, fieldError, newRecord, plainFieldError } from './planning';
import { phoneProblem } from '../contacts';
import { templateProblem } from '../messages/templates';
import { shopCountry } from '../peopleSearch';
import { localeForCountry, localeSettingsSchema } from '../locale/settings';

/** The shop's one settings row (name, time zone, opening hours, closed days, paper, the patch-test rule), the owner's. */

const closedDates = z.array(localDateSchema).max(1000);
/** How old a patch test may be, in months; null: the shop has no rule. */
const patchTestMaxAgeMonths = z.int().min(1).max(60).nullable();
/**
 * The shop's message settings, checked as a whole (docs/architecture.md §17): each reminder offset
 * once, a shop phone that is a phone number, and every text of its own a template that can be sent.
 */
function checkedMessages(row: Settings): Settings {
  const messages = row.messages;
  const offsets = [...new Set(messages.reminderOffsetsMinutes)].sort((a, b) => b - a);
  if (messages.shopPhone !== '') {
    const problem = phoneProblem(messages.shopPhone, shopCountry(row.timeZone));
    if (problem !== null) plainFieldError('messages.shopPhone', 'settings.badShopPhone', { phone: messages.shopPhone, problem });
  }
  for (const kind of messageKinds) {
    for (const channel of messageChannels) {
      const template = messages.templates[kind]?.[channel];
      if (template === undefined) continue;
      const problem = templateProblem(template, channel, { shopName: row.shopName, shopPhone: messages.shopPhone });
      if (problem !== null) plainFieldError(`messages.templates.${kind}.${channel}.body`, problem.key, problem.params);
    }
  }
  return { ...row, messages: { ...messages, reminderOffsetsMinutes: offsets } };
}

/** Closed days are a set: each day once, in order. */
const tidy = (dates: readonly string[]) => [...new Set(dates)].sort();

/** What setting the shop up says; an update may change any of it, and the special days besides. */
const setupArgs = z.strictObject({
  shopName: name,
  timeZone: timeZoneSchema,
  openingHours: openingHoursSchema,
  closedDates: closedDates.optional(),
  paperSize: z.enum(paperSizes).optional(),
  patchTestMaxAgeMonths: patchTestMaxAgeMonths.optional(),
  messages: messageSettingsSchema.optional(),
  locale: localeSettingsSchema.optional(),
});

export const settings = declareEntity({
  changedBy: 'owner',
  check(_current: Settings | null, _op, { command }) {
    if (command.entityId !== SETTINGS_ID) fieldError('id', 'settings.oneRow');
  },
  ops: {
    create: createOp({
      args: setupArgs,
      wording: { label: 'Shop set up', verb: 'added', name: 'creation' },
      // The shop's one settings row: its check has made sure the command names SETTINGS_ID.
      plan: (args, context): Settings =>
        checkedMessages(
          newRecord(context, {
            shopName: args.shopName,
            timeZone: args.timeZone,
            openingHours: args.openingHours,
            closedDates: tidy(args.closedDates ?? []),
            specialDays: [],
            paperSize: args.paperSize ?? 'A4',
            patchTestMaxAgeMonths: args.patchTestMaxAgeMonths ?? null,
            messages: args.messages ?? DEFAULT_MESSAGE_SETTINGS,
            locale: args.locale ?? localeForCountry(shopCountry(args.timeZone)),
          }),
        ),
    }),
    update: changeOp({
      args: atLeastOne(setupArgs.partial().extend({ specialDays: specialDaysArgs.optional() })),
      wording: { label: 'Settings changed', verb: 'updated', name: 'update' },
      plan: (row: Settings, args) => {
        const { specialDays, ...rest } = args;
        const next = { ...row, ...definedOnly(rest) };
        const withDays = specialDays === undefined ? next : { ...next, specialDays: checkedSpecialDays(specialDays, next.timeZone) };
        const tidied = args.closedDates === undefined ? withDays : { ...withDays, closedDates: tidy(withDays.closedDates) };
        return args.messages === undefined && args.shopName === undefined && args.timeZone === undefined ? tidied : checkedMessages(tidied);
      },
    }),
  },
});
