import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { client, trpc } from '../../api/client';
import { commands, newKey } from '../../api/commands';
import { useSettings } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { DismissFooter } from '../../components/DismissFooter';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FormFooter } from '../../components/FormFooter';
import { QueryError } from '../../components/QueryError';
import { SubmitForm } from '../../components/SubmitForm';
import { TableHead } from '../../components/TableHead';
import { TextField } from '../../components/TextField';
import { useAttempt } from '../../components/useAttempt';
import { dateTime } from '../../format';
import { useT } from '../../i18n';
import { refreshAll, runAction } from '../../state/actions';
import { useDesk } from '../../state/desk';
import { confirmedWording } from '../../state/wording';
import { formatMoney } from '../settings/money';
import { unitsShown } from './unitsShown';
import type { MovementLine, ProductRow } from './stockTypes';
import { shownName } from '../../clientNames';

/** A whole number typed in a box, or null when what is there is not one. */
export function wholeNumberOf(typed: string): number | null {
  return /^\s*\d+\s*$/.test(typed) ? Number(typed) : null;
}

/** "Receive": how many arrived from the supplier, with an optional note. */
export function ReceiveDialog(props: { product: ProductRow; onClose: () => void }) {
  const { t } = useT('stock');
  const { product } = props;
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, setError, attemptChange } = useAttempt();
  const amount = wholeNumberOf(quantity);
  const localProblem = quantity.trim() !== '' && amount === null ? t('count.notANumber') : null;
  const save = async () => {
    if (amount === null) return;
    const key = newKey();
    const outcome = await attemptChange(() =>
      runAction({
        label: t('receiveDialog.label', { name: product.name }),
        successMessage: confirmedWording(t('receiveDialog.done', { amount: unitsShown(amount, product.unit), name: product.name })),
        undoGroup: 'stockMovement',
        run: () =>
          commands.stockMovement.create({
            idempotencyKey: key,
            productId: product.id,
            kind: 'received',
            quantity: amount,
            ...(note.trim() === '' ? {} : { note: note.trim() }),
          }),
      }),
    );
    if (outcome !== 'refused') props.onClose();
  };
  return (
    <Dialog title={t('receiveDialog.title', { name: product.name })} onClose={props.onClose}>
      <SubmitForm className="form" data-testid="receive-dialog" onSubmit={save}>
        <TextField
          label={t('receiveDialog.quantity')}
          inputMode="numeric"
          value={quantity}
          onChange={(value) => {
            setQuantity(value);
            setError(null);
          }}
          error={{ id: 'receive-quantity-problem', message: localProblem ?? (error?.details?.field === 'quantity' ? error.message : null) }}
        />
        <TextField label={t('receiveDialog.note')} value={note} onChange={setNote} />
        <ErrorNotice error={error?.details?.field === 'quantity' ? null : error} onDismiss={() => setError(null)} />
        <FormFooter backLabel={t('product.cancel')} onBack={props.onClose} submitLabel={t('receiveDialog.save')} disabled={busy || amount === null} />
      </SubmitForm>
    </Dialog>
  );
}

/**
 * "Count stock": the number on the shelf for each product counted. Each is recorded as the
 * difference from the level at that moment, with the reason (docs/architecture.md §25).
 */
export function CountDialog(props: { products: readonly ProductRow[]; onClose: () => void }) {
  const { t } = useT('stock');
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const { busy, error, setError, attempt } = useAttempt();
  const counts = props.products.flatMap((product) => {
    const value = (typed[product.id] ?? '').trim();
    return value === '' ? [] : [{ product, counted: wholeNumberOf(value) }];
  });
  const bad = counts.some((count) => count.counted === null);
  const save = async () => {
    if (bad || counts.length === 0) return;
    const key = newKey();
    const outcome = await attempt(async () => {
      for (const [index, count] of counts.entries()) {
        await client.stock.count.mutate({
          idempotencyKey: `${key}:${index}`,
          productId: count.product.id,
          counted: count.counted ?? 0,
          ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
        });
      }
    });
    await refreshAll();
    if (outcome === 'done') {
      useDesk.getState().pushToast({ message: t('count.done', { count: counts.length }), tone: 'success' });
      props.onClose();
    }
  };
  return (
    <Dialog title={t('count.title')} onClose={props.onClose} wide>
      <SubmitForm className="form" data-testid="count-dialog" onSubmit={save}>
        <p className="muted">{t('count.intro')}</p>
        <table className="table">
          <TableHead columns={[t('columns.product'), t('count.expected'), t('count.counted'), t('count.difference')]} />
          <tbody>
            {props.products.map((product) => {
              const value = typed[product.id] ?? '';
              const counted = value.trim() === '' ? null : wholeNumberOf(value);
              const problem = value.trim() !== '' && counted === null ? t('count.notANumber') : null;
              const difference = counted === null ? null : counted - product.level;
              return (
                <tr key={product.id}>
                  <td>{product.name}</td>
                  <td>{unitsShown(product.level, product.unit)}</td>
                  <td>
                    <TextField
                      label={<span className="sr-only">{t('count.countedOf', { name: product.name })}</span>}
                      inputMode="numeric"
                      className="count-input"
                      value={value}
                      onChange={(next) => {
                        setTyped({ ...typed, [product.id]: next });
                        setError(null);
                      }}
                      error={{ id: `count-${product.id}-problem`, message: problem }}
                    />
                  </td>
                  <td data-testid="count-difference">{difference === null ? '' : difference > 0 ? `+${difference}` : String(difference)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <TextField label={t('count.reason')} placeholder={t('count.reasonPlaceholder')} value={reason} onChange={setReason} />
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        <FormFooter
          backLabel={t('product.cancel')}
          onBack={props.onClose}
          submitLabel={busy ? t('count.saving') : t('count.save')}
          disabled={busy || bad || counts.length === 0}
        />
      </SubmitForm>
    </Dialog>
  );
}

/** A product's movements, newest first: what, by how much, who, when, and the visit behind it. */
export function HistoryDialog(props: { product: ProductRow; onClose: () => void }) {
  const { t } = useT('stock');
  const zone = useSettings().data?.timeZone ?? 'UTC';
  const history = useQuery(trpc.stock.history.queryOptions({ productId: props.product.id }));
  const details = (line: MovementLine): string =>
    [
      line.clientName !== null && line.serviceName !== null ? t('historyDialog.visit', { client: shownName(line.clientName), service: line.serviceName }) : null,
      line.counted === null ? null : t('historyDialog.counted', { count: line.counted }),
      line.priceCents === null ? null : t('historyDialog.price', { money: formatMoney(line.priceCents) }),
      line.shortBy > 0 ? t('historyDialog.shortBy', { count: line.shortBy }) : null,
      line.reason ?? (line.note === '' ? null : line.note),
    ]
      .filter((part) => part !== null)
      .join(' · ');
  return (
    <Dialog title={t('historyDialog.title', { name: props.product.name })} onClose={props.onClose} wide>
      {history.isError ? <QueryError error={history.error} /> : null}
      {history.data?.length === 0 ? <p className="muted">{t('historyDialog.empty')}</p> : null}
      {history.data && history.data.length > 0 ? (
        <table className="table" data-testid="stock-history">
          <TableHead columns={[t('historyDialog.when'), t('historyDialog.what'), t('historyDialog.change'), t('historyDialog.who'), t('historyDialog.details')]} />
          <tbody>
            {history.data.map((line) => (
              <tr key={line.id} className={line.shortBy > 0 ? 'stock-short' : undefined}>
                <td>{dateTime(line.at, zone)}</td>
                <td>{line.kind === 'sold' && line.quantity > 0 ? t('movement.saleUndone') : t(`movement.${line.kind}`)}</td>
                <td>{line.quantity > 0 ? `+${line.quantity}` : String(line.quantity)}</td>
                <td>{line.by ?? t('historyDialog.nobody')}</td>
                <td>{details(line)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <DismissFooter label={t('historyDialog.close')} onDismiss={props.onClose} />
    </Dialog>
  );
}
