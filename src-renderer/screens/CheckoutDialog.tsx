import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MAX_AMOUNT_CENTS, type ProductUse, type RetailLine } from '../../src-shared/entities';
import { trpc } from '../api/client';
import { commands, newKey } from '../api/commands';
import { useT } from '../i18n';
import { ProductLines } from './stock/ProductLines';
import { BookAnyway } from './stock/BookAnyway';
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

/** An amount of money typed in; its problem, if any, is said below the row under `problemId`. */
function MoneyInput(props: {
  label: string;
  value: string;
  problem: string | undefined;
  problemId: string;
  autoFocus?: boolean;
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        inputMode="decimal"
        value={props.value}
        placeholder={props.placeholder}
        data-autofocus={props.autoFocus}
        aria-invalid={props.problem !== undefined}
        aria-describedby={props.problem === undefined ? undefined : props.problemId}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}

/**
 * Checking a client out: the price charged (the service's price for this staff member to start
 * with), a discount, a note, the retail products sold (at their price) and the total. Nothing is
 * paid here; the visit is recorded as done and its sale with it, in one change (§25): a sale the
 * shelf cannot cover is refused with the offer to sell it anyway.
 */
export function CheckoutDialog(props: { appointment: DayAppointment; zone: string; onClose: () => void }) {
  const { t } = useT('booking');
  const { appointment, zone, onClose } = props;
  const [price, setPrice] = useState(moneyInput(appointment.listPriceCents));
  const [discount, setDiscount] = useState('');
  const [note, setNote] = useState('');
  const [retail, setRetail] = useState<ProductUse[]>([]);
  const { t: stockWords } = useT('stock');
  const products = useQuery(trpc.stock.list.queryOptions()).data ?? [];
  const { busy: saving, error, setError, attemptChange } = useAttempt();

  const priceTyped = parseMoney(price);
  const discountTyped = parseMoney(discount);
  const priceCents = priceTyped?.cents ?? null;
  const discountCents = discountTyped?.cents ?? 0;
  const tooBig = (cents: number | null) => cents !== null && cents > MAX_AMOUNT_CENTS;
  const priceProblem =
    priceTyped === null || tooBig(priceCents)
      ? t('enterThePriceInPounds', { whole: '45', example: moneyInput(4550) })
      : priceCents === null
        ? t('enterThePriceCharged')
        : error?.details?.field === 'priceCents'
          ? error.message
          : undefined;
  const discountProblem =
    discountTyped === null || tooBig(discountTyped.cents)
      ? t('enterTheDiscountInPounds', { whole: '5', example: moneyInput(450) })
      : priceCents !== null && discountCents > priceCents
        ? t('theDiscountCannotBeMore')
        : error?.details?.field === 'discountCents'
          ? error.message
          : undefined;
  // Each product sold at its price in the stock list; one without a price cannot be sold yet.
  const sold = retail.map((line) => ({ line, product: products.find((product) => product.id === line.productId) }));
  const unpriced = sold.find(({ product }) => product !== undefined && product.priceCents === null)?.product;
  const retailProblem = unpriced === undefined ? undefined : stockWords('checkout.noPrice', { name: unpriced.name });
  const retailLines: RetailLine[] = sold.flatMap(({ line, product }) =>
    product?.priceCents === null || product?.priceCents === undefined ? [] : [{ productId: line.productId, quantity: line.quantity, priceCents: product.priceCents }],
  );
  const retailCents = retailLines.reduce((sum, line) => sum + line.quantity * line.priceCents, 0);
  const fieldProblem = priceProblem !== undefined || discountProblem !== undefined || retailProblem !== undefined;
  const total = priceCents === null || fieldProblem ? null : priceCents - discountCents + retailCents;

  const submit = async (allowShortage = false) => {
    if (priceCents === null || total === null || fieldProblem) return;
    const key = newKey();
    const trimmed = note.trim();
    const outcome = await attemptChange(async () => {
      await runAction({
        label: t('checkOut', { name: appointment.client.name }),
        successMessage: confirmedWording(
          t('checkedOut', { name: appointment.client.name, timeRange: timeRange(appointment.startsAt, appointment.endsAt, zone), money: formatMoney(total) }),
        ),
        entityId: appointment.id,
        undoGroup: 'appointment',
        // The retail sold goes with the checkout: the visit and its sale are recorded together or not at all.
        run: () =>
          commands.appointment.checkOut({
            idempotencyKey: key,
            id: appointment.id,
            expectedVersion: appointment.version,
            priceCents,
            discountCents,
            ...(trimmed === '' ? {} : { checkoutNote: trimmed }),
            ...(retailLines.length === 0 ? {} : { retail: retailLines }),
            ...(allowShortage ? { allowShortage } : {}),
          }),
      });
    });
    // A change the pending tray keeps with Retry is not lost: the form closes on it too.
    if (outcome !== 'refused') onClose();
  };

  return (
    <Dialog title={t('checkOut2', { name: appointment.client.name })} onClose={onClose}>
      <SubmitForm className="form checkout" data-testid="checkout-dialog" onSubmit={() => submit()}>
        <p className="muted">
          {t('with', { name: appointment.service.name, name2: appointment.staff.name, timeRange: timeRange(appointment.startsAt, appointment.endsAt, zone) })}
        </p>
        <div className="row">
          <MoneyInput
            label={t('price')}
            value={price}
            problem={priceProblem}
            problemId="checkout-price-problem"
            autoFocus
            onChange={(value) => {
              setPrice(value);
              setError(null);
            }}
          />
          <MoneyInput
            label={t('discount')}
            value={discount}
            problem={discountProblem}
            problemId="checkout-discount-problem"
            placeholder="0.00"
            onChange={(value) => {
              setDiscount(value);
              setError(null);
            }}
          />
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
        <ProductLines
          legend={stockWords('checkout.retail')}
          testId="checkout-retail"
          only="retail"
          value={retail}
          onChange={(next: ProductUse[]) => {
            setRetail(next);
            setError(null);
          }}
          disabled={saving}
        />
        {retailProblem === undefined ? null : (
          <p className="notice notice-error" role="alert">
            {retailProblem}
          </p>
        )}
        {retailCents > 0 ? (
          <p className="muted" data-testid="checkout-products-total">
            {stockWords('checkout.productsTotal')} {formatMoney(retailCents)}
          </p>
        ) : null}
        <p className="checkout-total" data-testid="checkout-total">
          {t('total')}<strong>{total === null ? '—' : formatMoney(total)}</strong>
        </p>
        <ErrorNotice
          error={fieldProblem ? null : error}
          onRefresh={() => void refreshAll().then(() => onClose())}
          onDismiss={() => setError(null)}
        />
        {!fieldProblem && error?.code === 'OUT_OF_STOCK' ? <BookAnyway label={stockWords('outOfStock.sellAnyway')} onChoose={() => void submit(true)} /> : null}
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
