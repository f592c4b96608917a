import { useEffect, useState } from 'react';
import { MAX_REMINDER_OFFSET_MIN, type MessageSettings } from '../../../../src-shared/entities';
import { useSettings, useWritesLocked } from '../../../api/hooks';
import { offsetWords } from '../../../messageWording';
import { describedBy, FieldError, SaveOrDiscard, updateSettings, useAct, useIsOwner } from '../common';
import { SubmitForm } from '../../../components/SubmitForm';
import { useT } from '../../../i18n';
import { CheckField } from '../../../components/CheckField';
import { Panel } from '../../../components/Panel';
import { TimeField } from '../../../components/DateTimeFields';

/**
 * Settings → Messages: when reminders go (e.g. 2 days and 2 hours before), which channels the shop
 * sends by, the SMS quiet hours and the shop's phone for {shopPhone} (docs/architecture.md §21).
 * The whole message settings go in one `settings.update`; the registry checks them.
 */

type Unit = 'days' | 'hours' | 'minutes';
const unitMinutes: Record<Unit, number> = { days: 24 * 60, hours: 60, minutes: 1 };
interface Offset {
  amount: string;
  unit: Unit;
}
const MAX_REMINDERS = 4;

function offsetOf(minutes: number): Offset {
  const unit: Unit = minutes % unitMinutes.days === 0 ? 'days' : minutes % unitMinutes.hours === 0 ? 'hours' : 'minutes';
  return { amount: String(minutes / unitMinutes[unit]), unit };
}
const minutesOf = (offset: Offset) => Math.round(Number(offset.amount) * unitMinutes[offset.unit]);

interface Form {
  offsets: Offset[];
  email: boolean;
  sms: boolean;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  shopPhone: string;
}
function formOf(messages: MessageSettings): Form {
  return {
    offsets: messages.reminderOffsetsMinutes.map(offsetOf),
    email: messages.channels.email,
    sms: messages.channels.sms,
    quiet: messages.quietHours !== null,
    quietFrom: messages.quietHours?.from ?? '21:00',
    quietTo: messages.quietHours?.to ?? '08:00',
    shopPhone: messages.shopPhone,
  };
}

export function MessageRules() {
  const { t } = useT('settings');
  const settings = useSettings().data;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice, errorAt } = useAct(['messages.reminderOffsetsMinutes', 'messages.shopPhone', 'messages.quietHours']);
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (settings) setForm(formOf(settings.messages));
  }, [settings]);
  if (!settings || !form) return null;
  const saved = formOf(settings.messages);
  const dirty = JSON.stringify(saved) !== JSON.stringify(form);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const offsetsError = errorAt('messages.reminderOffsetsMinutes');
  const phoneError = errorAt('messages.shopPhone');
  const quietError = errorAt('messages.quietHours');
  const outOfRange = form.offsets.some((offset) => {
    const minutes = minutesOf(offset);
    return !Number.isFinite(minutes) || minutes < 15 || minutes > MAX_REMINDER_OFFSET_MIN;
  });
  const save = () =>
    act(t('messageSettingsSaved'), 'settings', settings.id, (key) =>
      updateSettings(key, settings, {
        messages: {
          ...settings.messages,
          reminderOffsetsMinutes: form.offsets.map(minutesOf),
          channels: { email: form.email, sms: form.sms },
          quietHours: form.quiet ? { from: form.quietFrom, to: form.quietTo } : null,
          shopPhone: form.shopPhone.trim(),
        },
      }),
    );
  return (
    <Panel titleId="message-rules-title" title={t('remindersAndChannels')}>
      <SubmitForm
        className="form"
        noValidate
        onSubmit={() => {
          void save();
        }}
      >
        <fieldset>
          <legend>{t('remindersGoBeforeEachAppointment')}</legend>
          {form.offsets.length === 0 ? <p className="muted">{t('noRemindersClientsGetOnly')}</p> : null}
          {form.offsets.map((offset, index) => (
            <div className="row" key={index}>
              <label className="narrow">
                {t('reminder', { value: index + 1 })}
                <input
                  type="number"
                  min={1}
                  value={offset.amount}
                  onChange={(event) => set({ offsets: form.offsets.map((item, at) => (at === index ? { ...item, amount: event.target.value } : item)) })}
                  {...describedBy('reminder-offsets-error', offsetsError)}
                />
              </label>
              <label className="narrow">
                <span className="sr-only">{t('unitOfReminder', { value: index + 1 })}</span>
                <select value={offset.unit} onChange={(event) => set({ offsets: form.offsets.map((item, at) => (at === index ? { ...item, unit: event.target.value as Unit } : item)) })}>
                  <option value="days">{t('daysBefore')}</option>
                  <option value="hours">{t('hoursBefore')}</option>
                  <option value="minutes">{t('minutesBefore')}</option>
                </select>
              </label>
              <button type="button" className="button ghost" onClick={() => set({ offsets: form.offsets.filter((_, at) => at !== index) })}>
                {t('removeReminder', { value: index + 1 })}
              </button>
            </div>
          ))}
          {form.offsets.length < MAX_REMINDERS ? (
            <button type="button" className="button" onClick={() => set({ offsets: [...form.offsets, { amount: '1', unit: 'days' }] })}>
              {t('addAReminder')}
            </button>
          ) : null}
          {outOfRange ? <p className="field-error">{t('aReminderGoesBetween15', { offsetWords: offsetWords(MAX_REMINDER_OFFSET_MIN) })}</p> : null}
          <FieldError id="reminder-offsets-error" message={offsetsError} />
        </fieldset>
        <fieldset>
          <legend>{t('sendMessagesBy')}</legend>
          <CheckField label={t('eMail')} checked={form.email} onChange={(email) => set({ email })} />
          <CheckField label={t('textMessage')} checked={form.sms} onChange={(sms) => set({ sms })} />
          <p className="muted">{t('eachNeedsAProviderBelow')}</p>
        </fieldset>
        <fieldset>
          <legend>{t('quietHoursForTextMessages')}</legend>
          <CheckField label={t('noTextsAtNight')} checked={form.quiet} onChange={(quiet) => set({ quiet })} />
          {form.quiet ? (
            <div className="row">
              <label className="narrow">
                {t('from')}
                <TimeField value={form.quietFrom} onChange={(typed) => set({ quietFrom: typed })} {...describedBy('quiet-hours-error', quietError)} />
              </label>
              <label className="narrow">
                {t('until')}
                <TimeField value={form.quietTo} onChange={(typed) => set({ quietTo: typed })} />
              </label>
            </div>
          ) : null}
          <FieldError id="quiet-hours-error" message={quietError} />
          <p className="muted">{t('aReminderThatWouldFall')}</p>
        </fieldset>
        <label>
          {t('theShopSPhoneNumber')}
          <input value={form.shopPhone} onChange={(event) => set({ shopPhone: event.target.value })} {...describedBy('shop-phone-error', phoneError)} />
          <FieldError id="shop-phone-error" message={phoneError} />
        </label>
        <SaveOrDiscard saveLabel={t('saveMessageSettings')} disabled={locked || !isOwner || outOfRange} dirty={dirty} onDiscard={() => setForm(saved)} />
      </SubmitForm>
      {notice}
    </Panel>
  );
}
