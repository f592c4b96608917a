import { useEffect, useState } from 'react';
import { useSettings, useWritesLocked } from '../../api/hooks';
import { describedBy, FieldError, updateSettings, useAct, useHistoryToggle, useIsOwner } from './common';
import { SubmitForm } from '../../components/SubmitForm';
import { useT, screenT } from '../../i18n';
import { Panel } from '../../components/Panel';

/** The choices for how old a patch test may be; '' is no rule. */
const patchTestChoices = [1, 2, 3, 4, 5, 6, 9, 12, 18, 24];
const monthsText = (months: number) => {
  const t = screenT('settings');
  return t('monthCount', { count: months });
};

/** The shop's name, its time zone, the paper the day is printed on and its patch-test rule, with the settings' history. */
export function ShopDetails() {
  const { t } = useT('settings');
  const settings = useSettings().data;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice, errorAt } = useAct(['shopName', 'patchTestMaxAgeMonths']);
  const history = useHistoryToggle();
  const [shopName, setShopName] = useState('');
  const [paper, setPaper] = useState<'A4' | 'Letter'>('A4');
  const [patchTest, setPatchTest] = useState('');
  useEffect(() => {
    if (settings) {
      setShopName(settings.shopName);
      setPaper(settings.paperSize);
      setPatchTest(settings.patchTestMaxAgeMonths === null ? '' : String(settings.patchTestMaxAgeMonths));
    }
  }, [settings]);
  if (!settings) return null;
  const nameError = errorAt('shopName');
  const patchTestError = errorAt('patchTestMaxAgeMonths');
  // A rule another desk set to a number not in the list still shows as it is.
  const choices = settings.patchTestMaxAgeMonths === null || patchTestChoices.includes(settings.patchTestMaxAgeMonths) ? patchTestChoices : [...patchTestChoices, settings.patchTestMaxAgeMonths].sort((a, b) => a - b);
  return (
    <Panel titleId="shop-title" title={t('shop')}>
      <SubmitForm
        className="form"
        noValidate
        onSubmit={() => {
          void act(t('shopDetailsSaved'), 'settings', settings.id, (key) =>
            updateSettings(key, settings, {
              shopName: shopName.trim(),
              paperSize: paper,
              patchTestMaxAgeMonths: patchTest === '' ? null : Number(patchTest),
            }),
          );
        }}
      >
        <div className="row">
          <label>
            {t('shopName')}
            <input value={shopName} onChange={(event) => setShopName(event.target.value)} {...describedBy('shop-name-error', nameError)} />
            <FieldError id="shop-name-error" message={nameError} />
          </label>
          <label>
            {t('timeZone')}
            <input value={settings.timeZone} readOnly aria-describedby="tz-help" />
          </label>
          <label>
            {t('paperSizeForTheDaily')}
            <select value={paper} onChange={(event) => setPaper(event.target.value as 'A4' | 'Letter')}>
              <option value="A4">{t('a4')}</option>
              <option value="Letter">{t('letter')}</option>
            </select>
          </label>
          <label>
            {t('patchTestNeededWithin')}
            <select value={patchTest} onChange={(event) => setPatchTest(event.target.value)} aria-describedby="patch-test-help" {...describedBy('patch-test-error', patchTestError)}>
              <option value="">{t('noRule')}</option>
              {choices.map((months) => (
                <option key={months} value={String(months)}>
                  {monthsText(months)}
                </option>
              ))}
            </select>
            <FieldError id="patch-test-error" message={patchTestError} />
          </label>
        </div>
        <p id="patch-test-help" className="muted">
          {t('bookingAServiceThatNeeds')}
        </p>
        <p id="tz-help" className="muted">
          {t('theTimeZoneIsFixed')}
        </p>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={locked || !isOwner}>
            {t('saveShopDetails')}
          </button>
          {history.button(settings.id, t('theShopSettings'))}
        </div>
      </SubmitForm>
      {notice}
      {history.timeline('settings', settings, t('theShopSettings'))}
    </Panel>
  );
}
