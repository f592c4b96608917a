import type { ParseKeys } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { messageChannels, messageKinds, type MessageChannel, type MessageKind, type MessageTemplate } from '../../../../src-shared/entities';
import { placeholders, renderMessage, smsLength, SMS_MAX_SEGMENTS, templateFor, templateValues, unknownPlaceholders, type Placeholder } from '../../../../src-shared/messages/templates';
import { addDays, localTimeToInstant, todayIn } from '../../../../src-shared/time';
import { useServices, useSettings, useStaff, useWritesLocked } from '../../../api/hooks';
import { channelWords, messageWhat } from '../../../messageWording';
import { describedBy, FieldError, updateSettings, useAct, useIsOwner } from '../common';
import { SubmitForm } from '../../../components/SubmitForm';
import { useT, screenT } from '../../../i18n';
import { Panel } from '../../../components/Panel';

/**
 * The template editor (docs/architecture.md §21): the shop's own text per kind of message and
 * channel, the placeholders as buttons that insert them, a live preview rendered by the shared
 * template module (the one the sender renders with) for a sample booking, and for texts the
 * number of SMS segments. A template the registry refuses (an unknown placeholder, too long a
 * text) shows its refusal next to the field.
 */

const placeholderWords: Record<Placeholder, ParseKeys<'settings'>> = {
  firstName: 'clientSFirstName',
  service: 'service',
  staff: 'staffMember',
  date: 'date',
  time: 'time',
  shopName: 'shopName',
  shopPhone: 'shopPhone',
  confirmLink: 'confirmationLink',
};

const kindChoices = messageKinds.filter((kind) => kind !== 'test');

/** "94 characters: 1 text message" — how the text travels as SMS, in words. */
export function segmentWords(body: string): string {
  const t = screenT('settings');
  const length = smsLength(body);
  const parts = t('textMessageCount', { count: length.segments });
  const special = length.encoding === 'UCS-2' ? t('specialCharactersMakeEachPart') : '';
  return t('characters', { units: length.units, parts, special });
}

export function TemplateEditor() {
  const { t } = useT('settings');
  const settings = useSettings().data;
  const services = useServices().data;
  const staff = useStaff().data;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const [kind, setKind] = useState<MessageKind>('reminder');
  const [channel, setChannel] = useState<MessageChannel>('sms');
  const [draft, setDraft] = useState<MessageTemplate>({ body: '' });
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const field = `messages.templates.${kind}.${channel}`;
  const { act, notice, errorAt, clearError } = useAct([field]);
  const own = settings?.messages.templates[kind]?.[channel];
  const current = settings ? templateFor(settings.messages, kind, channel, settings.locale.language) : null;
  useEffect(() => {
    if (current) setDraft(current);
    clearError();
    // The template on screen is the one saved for this kind and channel (another desk may change it).
  }, [kind, channel, JSON.stringify(current)]);

  const sample = useMemo(() => {
    if (!settings) return null;
    const zone = settings.timeZone;
    const tomorrow = addDays(todayIn(zone, Date.now()), 1);
    return templateValues(
      {
        clientName: t('anaSilva'),
        serviceName: services?.[0]?.name ?? t('cutAndBlowDry'),
        staffName: staff?.find((member) => member.active)?.name ?? t('priya'),
        startsAt: localTimeToInstant(tomorrow, '10:00', zone),
      },
      { shopName: settings.shopName, timeZone: zone, shopPhone: settings.messages.shopPhone, locale: settings.locale },
      null,
    );
  }, [settings, services, staff]);
  if (!settings || !current || !sample) return null;

  const preview = renderMessage(draft, sample, channel);
  // Said while typing; saving is still the registry's to refuse (the words beside the field).
  const unknown = [...unknownPlaceholders(draft.subject ?? ''), ...unknownPlaceholders(draft.body)];
  const bodyError = errorAt(`${field}.body`) ?? errorAt(field);
  const dirty = JSON.stringify(draft) !== JSON.stringify(current);
  const insert = (name: Placeholder) => {
    const token = `{${name}}`;
    const area = bodyRef.current;
    const start = area?.selectionStart ?? draft.body.length;
    const end = area?.selectionEnd ?? draft.body.length;
    setDraft({ ...draft, body: draft.body.slice(0, start) + token + draft.body.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  };
  const saveTemplates = (label: string, template: MessageTemplate | undefined) => {
    const forKind = { ...settings.messages.templates[kind], [channel]: template };
    if (template === undefined) delete forKind[channel];
    return act(label, 'settings', settings.id, (key) =>
      updateSettings(key, settings, { messages: { ...settings.messages, templates: { ...settings.messages.templates, [kind]: forKind } } }),
    );
  };
  const what = t('by', { messageWhat: messageWhat({ kind, reminderOffsetMinutes: null }), channelWords: channelWords[channel].toLowerCase() });

  return (
    <Panel titleId="templates-title" title={t('messageTexts')} testId="template-editor">
      <div className="row">
        <label className="narrow">
          {t('message')}
          <select value={kind} onChange={(event) => setKind(event.target.value as MessageKind)}>
            {kindChoices.map((item) => (
              <option key={item} value={item}>
                {messageWhat({ kind: item, reminderOffsetMinutes: null })}
              </option>
            ))}
          </select>
        </label>
        <label className="narrow">
          {t('sentBy')}
          <select value={channel} onChange={(event) => setChannel(event.target.value as MessageChannel)}>
            {messageChannels.map((item) => (
              <option key={item} value={item}>
                {channelWords[item]}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{own ? t('theShopSOwnText') : t('caredeskSStandardText')}</span>
      </div>
      <div className="template-layout">
        <SubmitForm
          className="form"
          noValidate
          onSubmit={() => {
            void saveTemplates(t('savedTheTextOfThe', { what: what.toLowerCase() }), channel === 'email' ? draft : { body: draft.body });
          }}
        >
          {channel === 'email' ? (
            <label>
              {t('subject')}
              <input value={draft.subject ?? ''} onChange={(event) => setDraft({ ...draft, subject: event.target.value })} />
            </label>
          ) : null}
          <label>
            {t('text')}
            <textarea
              ref={bodyRef}
              rows={channel === 'sms' ? 4 : 10}
              value={draft.body}
              onChange={(event) => setDraft({ ...draft, body: event.target.value })}
              {...describedBy('template-body-error', bodyError)}
            />
            <FieldError id="template-body-error" message={bodyError} />
          </label>
          <div className="placeholder-buttons" role="group" aria-label={t('insertAPlaceholder')}>
            {placeholders.map((name) => (
              <button key={name} type="button" className="button small" onClick={() => insert(name)} title={t('inserts', { placeholder: `{${name}}` })}>
                {t(placeholderWords[name])}
              </button>
            ))}
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={locked || !isOwner || !dirty}>
              {t('saveText')}
            </button>
            {dirty ? (
              <button type="button" className="button ghost" onClick={() => setDraft(current)}>
                {t('discardChanges')}
              </button>
            ) : null}
            {own ? (
              <button type="button" className="button ghost" disabled={locked || !isOwner} onClick={() => void saveTemplates(t('wentBackToTheStandard', { what: what.toLowerCase() }), undefined)}>
                {t('useTheStandardText')}
              </button>
            ) : null}
          </div>
        </SubmitForm>
        <div className="template-preview" aria-labelledby="template-preview-title" role="region" data-testid="template-preview">
          <h3 id="template-preview-title">{t('previewForASampleBooking')}</h3>
          {preview.subject !== null ? (
            <p>
              <strong>{t('subject2')}</strong> <span data-testid="preview-subject">{preview.subject}</span>
            </p>
          ) : null}
          <pre className="preview-body" data-testid="preview-body">
            {preview.body}
          </pre>
          {unknown.length > 0 ? (
            <p className="field-error" data-testid="preview-unknown">
              {t('notAPlaceholder', { map: unknown.map((name) => `{${name}}`).join(', ') })}
            </p>
          ) : null}
          {channel === 'sms' ? (
            <p className={smsLength(preview.body).segments > SMS_MAX_SEGMENTS ? 'field-error' : 'muted'} data-testid="sms-segments">
              {segmentWords(preview.body)}
              {smsLength(preview.body).segments > SMS_MAX_SEGMENTS ? t('atMostAreAllowed', { SMS_MAX_SEGMENTS }) : ''}
            </p>
          ) : null}
        </div>
      </div>
      {notice}
    </Panel>
  );
}
