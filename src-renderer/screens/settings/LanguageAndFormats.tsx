import { useEffect, useState } from 'react';
import { useSettings, useWritesLocked } from '../../api/hooks';
import { updateSettings, useAct, useIsOwner } from './common';
import { SubmitForm } from '../../components/SubmitForm';
import { useT } from '../../i18n';
import { languageNames, languages } from '../../../src-shared/i18n';
import { formatterOf } from '../../../src-shared/locale/format';
import { clockStyles, currencies, DEFAULT_LOCALE, dateFormats, type LocaleSettings } from '../../../src-shared/locale/settings';
import { localTimeToInstant } from '../../../src-shared/time';
import { Panel } from '../../components/Panel';
import { Options } from '../../components/Options';

/** The day every example is written for: a Sunday afternoon, so the clock and the week's first day both show. */
const EXAMPLE_DATE = '2026-11-29';

/**
 * Settings → Language and formats (docs/architecture.md §22): the shop's language, date pattern,
 * clock, first day of the week and currency, each choice written in the formats it picks, with a
 * live example line of a booking as the screens will show it.
 */
export function LanguageAndFormats() {
  const { t } = useT('settings-locale');
  const settings = useSettings().data;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice } = useAct();
  const [draft, setDraft] = useState<LocaleSettings>(DEFAULT_LOCALE);
  useEffect(() => {
    if (settings) setDraft(settings.locale);
  }, [settings]);
  if (!settings) return null;
  const example = formatterOf(draft);
  const set = (change: Partial<LocaleSettings>) => setDraft({ ...draft, ...change });
  const exampleAt = localTimeToInstant(EXAMPLE_DATE, '14:30', settings.timeZone);
  return (
    <Panel titleId="locale-title" title={t('title')} intro={t('intro')}>
      <SubmitForm
        className="form"
        noValidate
        onSubmit={() => {
          void act(t('saved'), 'settings', settings.id, (key) => updateSettings(key, settings, { locale: draft }));
        }}
      >
        <div className="row">
          <label>
            {t('language')}
            <select value={draft.language} onChange={(event) => set({ language: languages.find((language) => language === event.target.value) ?? 'en' })}>
              {languages.map((language) => (
                <option key={language} value={language} lang={language}>
                  {languageNames[language]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dateFormat')}
            <select value={draft.dateFormat} onChange={(event) => set({ dateFormat: dateFormats.find((pattern) => pattern === event.target.value) ?? draft.dateFormat })}>
              <Options choices={dateFormats.map((pattern) => ({ value: pattern, label: formatterOf({ ...draft, dateFormat: pattern }).date(EXAMPLE_DATE) }))} />
            </select>
          </label>
          <label>
            {t('clock')}
            <select value={draft.clock} onChange={(event) => set({ clock: clockStyles.find((style) => style === event.target.value) ?? draft.clock })}>
              <Options choices={clockStyles.map((style) => ({ value: style, label: style === '24h' ? t('clock24') : t('clock12') }))} />
            </select>
          </label>
          <label>
            {t('weekStart')}
            <select value={String(draft.weekStart)} onChange={(event) => set({ weekStart: Number(event.target.value) })}>
              <Options choices={[1, 0, 6].map((day) => ({ value: String(day), label: example.weekday(formatterOf({ ...draft, weekStart: day }).week[0] ?? 'mon') }))} />
            </select>
          </label>
          <label>
            {t('currency')}
            <select value={draft.currency} onChange={(event) => set({ currency: currencies.find((code) => code === event.target.value) ?? draft.currency })}>
              <Options choices={currencies.map((code) => ({ value: code, label: `${code} — ${formatterOf({ ...draft, currency: code }).money(3850)}` }))} />
            </select>
          </label>
        </div>
        <p className="locale-example" data-testid="locale-example" aria-live="polite">
          <span className="muted">{t('example')}: </span>
          {t('exampleLine', { date: example.longDate(EXAMPLE_DATE), time: example.clock(exampleAt, settings.timeZone), price: example.money(3850) })}
        </p>
        {!isOwner ? <p className="muted">{t('ownerOnly')}</p> : null}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={locked || !isOwner}>
            {t('save')}
          </button>
        </div>
      </SubmitForm>
      {notice}
    </Panel>
  );
}
