import { useEffect, useState } from 'react';
import { useSettings, useWritesLocked } from '../../api/hooks';
import { commands, describedBy, FieldError, useAct, useHistoryToggle, useIsOwner } from './common';

/** The shop's name, its time zone and the paper the day is printed on, with the settings' history. */
export function ShopDetails() {
  const settings = useSettings().data;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice, errorAt } = useAct(['shopName']);
  const history = useHistoryToggle();
  const [shopName, setShopName] = useState('');
  const [paper, setPaper] = useState<'A4' | 'Letter'>('A4');
  useEffect(() => {
    if (settings) {
      setShopName(settings.shopName);
      setPaper(settings.paperSize);
    }
  }, [settings]);
  if (!settings) return null;
  const nameError = errorAt('shopName');
  return (
    <section className="panel" aria-labelledby="shop-title">
      <h2 id="shop-title">Shop</h2>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void act('Shop details saved', 'settings', settings.id, (key) =>
            commands.settings.update({ idempotencyKey: key, id: settings.id, expectedVersion: settings.version, shopName: shopName.trim(), paperSize: paper }),
          );
        }}
      >
        <div className="row">
          <label>
            Shop name
            <input value={shopName} onChange={(event) => setShopName(event.target.value)} {...describedBy('shop-name-error', nameError)} />
            <FieldError id="shop-name-error" message={nameError} />
          </label>
          <label>
            Time zone
            <input value={settings.timeZone} readOnly aria-describedby="tz-help" />
          </label>
          <label>
            Paper size for the daily schedule
            <select value={paper} onChange={(event) => setPaper(event.target.value as 'A4' | 'Letter')}>
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </label>
        </div>
        <p id="tz-help" className="muted">
          The time zone is fixed once bookings exist, so that no appointment moves by itself.
        </p>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={locked || !isOwner}>
            Save shop details
          </button>
          {history.button(settings.id, 'the shop settings')}
        </div>
      </form>
      {notice}
      {history.timeline('settings', settings, 'the shop settings')}
    </section>
  );
}
