import { useState } from 'react';
import { weekdays, type Weekday } from '../../src-shared/time';
import { shownFormat } from '../../src-shared/locale/format';
import type { OpeningHours } from '../../src-shared/entities';
import { demoPlan, type DemoStep } from '../../src-main/core/demo/plan';
import { client, queryClient } from '../api/client';
import { commands, newKey } from '../api/commands';
import { envelopeOf, type Envelope } from '../api/errors';
import { useSettings } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { PairingForm } from './PairingForm';
import { SubmitForm } from '../components/SubmitForm';
import { PinField } from '../components/PinField';
import { NumberField } from '../components/NumberField';
import { useT } from '../i18n';
import { CheckField } from '../components/CheckField';
import { TimeField } from '../components/DateTimeFields';
import { languageNames, languages, tIn, type Language } from '../../src-shared/i18n';
import { machineZone, newShopLocale } from '../machineLocale';

async function applyDemoStep(step: DemoStep): Promise<void> {
  const idempotencyKey = newKey();
  switch (step.kind) {
    case 'settings':
      await commands.settings.create({ idempotencyKey, ...step.input });
      return;
    case 'service':
      await commands.service.create({ idempotencyKey, ...step.input });
      return;
    case 'staff':
      await commands.staff.create({ idempotencyKey, ...step.input });
      return;
    case 'signIn':
      await client.session.signIn.mutate(step.input);
      return;
    case 'client':
      await commands.client.create({ idempotencyKey, ...step.input });
      return;
    case 'appointment':
      await commands.appointment.create({ idempotencyKey, ...step.input });
      return;
    case 'cancel':
      await commands.appointment.cancel({ idempotencyKey, ...step.input });
      return;
    case 'noShow':
      await commands.appointment.markNoShow({ idempotencyKey, ...step.input });
      return;
  }
}

interface ServiceDraft {
  name: string;
  durationMin: number;
  bufferAfterMin: number;
}

type Hours = Record<Weekday, { open: string; close: string; closed: boolean }>;

/** A day's opening or closing time in the setup grid: its name is for a screen reader, the row already shows the day. */
function HoursClock(props: { day: Weekday; end: 'open' | 'close'; hours: Hours[Weekday]; onChange: (change: Partial<Hours[Weekday]>) => void }) {
  const { t } = useT('setup');
  const { day, end, hours } = props;
  const id = `${end}-${day}`;
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {t(end === 'open' ? 'opens' : 'closes', { weekdayNames: shownFormat().weekday(day) })}
      </label>
      <TimeField
        id={id}
        value={hours[end]}
        disabled={hours.closed}
        onChange={(typed) => props.onChange(end === 'open' ? { open: typed } : { close: typed })}
      />
    </>
  );
}

/**
 * The first-run screen. `language`: the one it speaks and the new shop will (the machine's at first);
 * choosing another redraws it at once, the app's locale following `onLanguage`.
 */
export function SetupScreen(props: { language: Language; onLanguage: (language: Language) => void }) {
  const { t } = useT('setup');
  const existing = useSettings().data;
  const language = existing?.locale.language ?? props.language;
  const [shopName, setShopName] = useState('');
  const [timeZone, setTimeZone] = useState(machineZone());
  const [hours, setHours] = useState<Hours>(
    Object.fromEntries(weekdays.map((day) => [day, { open: '09:00', close: '18:00', closed: day === 'sun' }])) as Hours,
  );
  const [ownerName, setOwnerName] = useState('');
  const [ownerPin, setOwnerPin] = useState('');
  const [services, setServices] = useState<ServiceDraft[]>([{ name: tIn(language, 'setup')('haircut'), durationMin: 45, bufferAfterMin: 10 }]);
  const setService = (index: number, patch: Partial<ServiceDraft>) =>
    setServices(services.map((item, at) => (at === index ? { ...item, ...patch } : item)));
  const [error, setError] = useState<Envelope | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const chooseLanguage = (chosen: Language) => {
    // The suggested service not yet typed over is suggested in the new language too.
    const suggested = tIn(language, 'setup')('haircut');
    setServices(services.map((item) => (item.name === suggested ? { ...item, name: tIn(chosen, 'setup')('haircut') } : item)));
    props.onLanguage(chosen);
  };
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [timeZone];

  const runDemo = async () => {
    setError(null);
    const steps = demoPlan({ timeZone: machineZone(), now: Date.now(), language });
    try {
      let done = 0;
      // Set-up, staff and services in order; bookings in small parallel batches.
      for (let index = 0; index < steps.length; ) {
        const step = steps[index];
        if (step === undefined) break;
        if (step.kind === 'appointment' || step.kind === 'client') {
          const batch: DemoStep[] = [];
          while (batch.length < 10 && steps[index] !== undefined && steps[index]?.kind === step.kind) {
            batch.push(steps[index] as DemoStep);
            index += 1;
          }
          await Promise.all(batch.map(applyDemoStep));
          done += batch.length;
        } else {
          await applyDemoStep(step);
          index += 1;
          done += 1;
        }
        setProgress(t('fillingTheDemoShop', { round: Math.round((done / steps.length) * 100) }));
      }
      await queryClient.invalidateQueries();
    } catch (caught) {
      setError(envelopeOf(caught));
    } finally {
      setProgress(null);
    }
  };

  const submit = async () => {
    setError(null);
    try {
      const openingHours = Object.fromEntries(
        weekdays.map((day) => [day, hours[day].closed ? [] : [{ open: hours[day].open, close: hours[day].close }]]),
      ) as OpeningHours;
      setProgress(t('savingTheShop'));
      if (!existing) {
        await commands.settings.create({ idempotencyKey: newKey(), shopName: shopName.trim(), timeZone, openingHours, locale: newShopLocale(language, timeZone) });
      }
      for (const service of services.filter((item) => item.name.trim() !== '')) {
        await commands.service.create({ idempotencyKey: newKey(), ...service, name: service.name.trim() });
      }
      const ownerId = crypto.randomUUID();
      await commands.staff.create({
        idempotencyKey: newKey(),
        id: ownerId,
        name: ownerName.trim(),
        colour: '#2f6f8f',
        role: 'owner',
        ...(ownerPin ? { pin: ownerPin } : {}),
      });
      await client.session.signIn.mutate({ staffId: ownerId, ...(ownerPin ? { pin: ownerPin } : {}) });
      await queryClient.invalidateQueries();
    } catch (caught) {
      setError(envelopeOf(caught));
    } finally {
      setProgress(null);
    }
  };

  return (
    <main className="setup">
      <h1>{t('welcomeToCaredesk')}</h1>
      <p className="lead">{t('setUpYourShopIn')}</p>
      <div className="setup-choices">
        <div className="setup-side">
          <section className="panel" aria-labelledby="demo-title">
            <h2 id="demo-title">{t('tryTheDemoShop')}</h2>
            <p>{t('fourStaffSixServicesThirty')}</p>
            <button type="button" className="button" disabled={progress !== null} onClick={() => void runDemo()}>
              {t('openTheDemoShop')}
            </button>
          </section>
          <section className="panel" aria-labelledby="join-title" data-testid="join-shop">
            <h2 id="join-title">{t('joinAShopSOther')}</h2>
            <p>{t('theShopAlreadyUsesCaredesk')}</p>
            <PairingForm submitLabel={t('pairAndFetchTheShop')} />
          </section>
        </div>
        <SubmitForm className="panel form" aria-labelledby="setup-title" onSubmit={submit}>
          <h2 id="setup-title">{t('setUpMyShop')}</h2>
          <div className="row">
            <label>
              {t('shopName')}
              <input value={shopName} onChange={(event) => setShopName(event.target.value)} required={!existing} disabled={!!existing} />
            </label>
            <label>
              {t('timeZone')}
              <select value={timeZone} onChange={(event) => setTimeZone(event.target.value)} disabled={!!existing}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('language')}
              <select value={language} onChange={(event) => chooseLanguage(event.target.value as Language)} disabled={!!existing}>
                {languages.map((code) => (
                  <option key={code} value={code} lang={code}>
                    {languageNames[code]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset>
            <legend>{t('openingHours')}</legend>
            <div className="hours-grid">
              {weekdays.map((day) => {
                const setDay = (change: Partial<Hours[Weekday]>) => setHours({ ...hours, [day]: { ...hours[day], ...change } });
                return (
                  <div key={day} className="hours-row">
                    <span className="hours-day">{shownFormat().weekday(day)}</span>
                    <CheckField label={t('closed')} checked={hours[day].closed} onChange={(closed) => setDay({ closed })} />
                    <HoursClock day={day} end="open" hours={hours[day]} onChange={setDay} />
                    <HoursClock day={day} end="close" hours={hours[day]} onChange={setDay} />
                  </div>
                );
              })}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('youTheOwner')}</legend>
            <div className="row">
              <label>
                {t('yourName')}
                <input value={ownerName} onChange={(event) => setOwnerName(event.target.value)} required />
              </label>
              <PinField label={t('pin48DigitsOptional')} autoComplete="new-password" value={ownerPin} onChange={setOwnerPin} pattern="\d{4,8}" />
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('services')}</legend>
            {services.map((service, index) => (
              <div className="row" key={index}>
                <label>
                  {t('serviceName')}
                  <input
                    value={service.name}
                    onChange={(event) => setService(index, { name: event.target.value })}
                  />
                </label>
                <NumberField label={t('minutes')} min={5} max={720} value={service.durationMin} onChange={(durationMin) => setService(index, { durationMin })} />
                <NumberField
                  label={t('bufferAfterMin')}
                  min={0}
                  max={240}
                  value={service.bufferAfterMin}
                  onChange={(bufferAfterMin) => setService(index, { bufferAfterMin })}
                />
              </div>
            ))}
            <button type="button" className="button small" onClick={() => setServices([...services, { name: '', durationMin: 30, bufferAfterMin: 0 }])}>
              {t('addAnotherService')}
            </button>
          </fieldset>
          <ErrorNotice error={error} />
          <button type="submit" className="button primary" disabled={progress !== null}>
            {t('openMyShop')}
          </button>
        </SubmitForm>
      </div>
      {progress ? (
        <p role="status" className="progress">
          {progress}
        </p>
      ) : null}
    </main>
  );
}
