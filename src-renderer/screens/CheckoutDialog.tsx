import { useState } from 'react';
import { MAX_AMOUNT_CENTS, type ProductUse } from '../../src-shared/entities';
import { client } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useT } from '../i18n';
import { ProductLines } from './stock/ProductLines';
import type { DayAppointment } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { timeRange } from '../format';
import { refreshAll, runAction } from '../state/actions';
import { confirmedWording } from '../state/wording';
import { formatMoney, moneyInput, parseMoney } from './settings/money';
import { SubmitForm } from '../components/SubmitForm';
import { useAttempt } from '../components/useAttempt';
import { FormFooter } from '../components/FormFooter';

const NOTE_LIMIT = 2000;

/**
 * Checking a client out: the price charged (the service's price for this staff member to start
 * with), a discount, a note and the total. Nothing is paid here; the visit is recorded as done.
 */
export function CheckoutDialog(props: { appointment: DayAppointment; zone: string; onClose: () => void }) {
  const { t } = useT('booking');
  const { appointment, zone, onClose } = props;
  const [price, setPrice] = useState(moneyInput(appointment.listPriceCents));
  const [discount, setDiscount] = useState('');
  const [note, setNote] = useState('');
  const [retail, setRetail] = useState<ProductUse[]>([]);
  const { t: stockWords } = useT('stock');
  const { busy: saving, error, setError, attemptChange } = useAttempt();

  const priceTyped = parseMoney(price);
  const discountTyped = parseMoney(discount);
  const priceCents = priceTyped?.cents ?? null;
  const discountCents = discountTyped?.cents ?? 0;
  const tooBig = (cents: number | null) => cents !== null && cents > MAX_AMOUNT_CENTS;
  const priceProblem =
    priceTyped === null || tooBig(priceCents)
      ? t('enterThePriceInPounds')
      : priceCents === null
        ? t('enterThePriceCharged')
        : error?.details?.field === 'priceCents'
          ? error.message
          : undefined;
  const discountProblem =
    discountTyped === null || tooBig(discountTyped.cents)
      ? t('enterTheDiscountInPounds')
      : priceCents !== null && discountCents > priceCents
        ? t('theDiscountCannotBeMore')
        : error?.details?.field === 'discountCents'
          ? error.message
          : undefined;
  const fieldProblem = priceProblem !== undefined || discountProblem !== undefined;
  const total = priceCents === null || fieldProblem ? null : priceCents - discountCents;

  const submit = async () => {
    if (priceCents === null || fieldProblem) return;
    const key = newKey();
    const trimmed = note.trim();
    const outcome = await attemptChange(async () => {
      await runAction({
        label: t('checkOut', { name: appointment.client.name }),
        successMessage: confirmedWording(
          t('checkedOut', { name: appointment.client.name, timeRange: timeRange(appointment.startsAt, appointment.endsAt, zone), money: formatMoney(priceCents - discountCents) }),
        ),
        entityId: appointment.id,
        undoGroup: 'appointment',
        run: async () => {
          const done = await commands.appointment.checkOut({
            idempotencyKey: key,
            id: appointment.id,
            expectedVersion: appointment.version,
            priceCents,
            discountCents,
            ...(trimmed === '' ? {} : { checkoutNote: trimmed }),
          });
          // The retail sold, as "sold" movements naming the visit; a retry replays the checkout by its key and carries on here.
          if (retail.length > 0) await client.stock.sell.mutate({ idempotencyKey: `${key}:retail`, appointmentId: appointment.id, items: retail });
          return done;
        },
      });
    });
    // A change the pending tray keeps with Retry is not lost: the form closes on it too.
    if (outcome !== 'refused') onClose();
  };

  return (
    <Dialog title={t('checkOut2', { name: appointment.client.name })} onClose={onClose}>
      <SubmitForm className="form checkout" data-testid="checkout-dialog" onSubmit={submit}>
        <p className="muted">
          {t('with', { name: appointment.service.name, name2: appointment.staff.name, timeRange: timeRange(appointment.startsAt, appointment.endsAt, zone) })}
        </p>
        <div className="row">
          <label>
            {t('price')}
            <input
              inputMode="decimal"
              value={price}
              data-autofocus
              aria-invalid={priceProblem !== undefined}
              aria-describedby={priceProblem === undefined ? undefined : 'checkout-price-problem'}
              onChange={(event) => {
                setPrice(event.target.value);
                setError(null);
              }}
            />
          </label>
          <label>
            {t('discount')}
            <input
              inputMode="decimal"
              value={discount}
              placeholder="0.00"
              aria-invalid={discountProblem !== undefined}
              aria-describedby={discountProblem === undefined ? undefined : 'checkout-discount-problem'}
              onChange={(event) => {
                setDiscount(event.target.value);
                setError(null);
              }}
            />
          </label>
        </div>
        {priceProblem === undefined ? null : (
          <p id="checkout-price-problem" className="notice notice-error" role="alert">
            {priceProblem}
          </p>
        )}
        {discountProblem === undefined ? null : (
          <p id="checkout-discount-problem" className="notice notice-error" role="alert">
            {discountProblem}
          </p>
        )}
        <label>
          {t('noteOptional')}
          <textarea rows={2} value={note} maxLength={NOTE_LIMIT} onChange={(event) => setNote(event.target.value)} />
          <span className="muted small" aria-live="polite">
            {t('ofCharacters', { length: note.length, NOTE_LIMIT })}
          </span>
        </label>
        <ProductLines legend={stockWords('checkout.retail')} testId="checkout-retail" only="retail" value={retail} onChange={setRetail} disabled={saving} />
        <p className="checkout-total" data-testid="checkout-total">
          {t('total')}<strong>{total === null ? '—' : formatMoney(total)}</strong>
        </p>
        <ErrorNotice
          error={fieldProblem ? null : error}
          onRefresh={() => void refreshAll().then(() => onClose())}
          onDismiss={() => setError(null)}
        />
        <FormFooter
          backLabel={t('notNow')}
          onBack={onClose}
          submitLabel={saving ? t('saving') : t('checkOut3')}
          disabled={fieldProblem || saving}
        />
      </SubmitForm>
    </Dialog>
  );
}
