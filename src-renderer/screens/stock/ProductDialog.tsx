import { useState } from 'react';
import { productKinds, type ProductKind } from '../../../src-shared/entities';
import { commands, newKey } from '../../api/commands';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FormFooter } from '../../components/FormFooter';
import { Options } from '../../components/Options';
import { SubmitForm } from '../../components/SubmitForm';
import { TextField } from '../../components/TextField';
import { useAttempt } from '../../components/useAttempt';
import { useT } from '../../i18n';
import { runAction } from '../../state/actions';
import { confirmedWording } from '../../state/wording';
import { moneyInput, parseMoney } from '../settings/money';
import type { ProductRow } from './stockTypes';

/** Add a product, or change one: name, kind, unit, supplier, cost, price and its low-stock level. */
export function ProductDialog(props: { product: ProductRow | null; onClose: () => void }) {
  const { t } = useT('stock');
  const { product } = props;
  const [form, setForm] = useState({
    name: product?.name ?? '',
    kind: product?.kind ?? ('backBar' as ProductKind),
    unit: product?.unit ?? '',
    supplier: product?.supplier ?? '',
    cost: moneyInput(product?.costCents ?? null),
    price: moneyInput(product?.priceCents ?? null),
    lowAt: String(product?.lowStockAt ?? 0),
  });
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));
  const { busy, error, setError, attemptChange } = useAttempt();
  const cost = parseMoney(form.cost);
  const price = parseMoney(form.price);
  const lowAt = /^\d+$/.test(form.lowAt.trim()) ? Number(form.lowAt) : null;
  const fieldError = (field: string) => (error?.details?.field === field ? error.message : null);
  const problem = (field: string, local: string | null) => ({ id: `product-${field}-problem`, message: local ?? fieldError(field) });

  const save = async () => {
    if (cost === null || price === null || lowAt === null) return;
    const key = newKey();
    const fields = {
      name: form.name.trim(),
      kind: form.kind,
      unit: form.unit.trim(),
      supplier: form.supplier.trim(),
      costCents: cost.cents,
      priceCents: price.cents,
      lowStockAt: lowAt,
    };
    const outcome = await attemptChange(() =>
      runAction({
        label: product === null ? t('product.addTitle') : t('product.editTitle', { name: product.name }),
        successMessage: confirmedWording(product === null ? t('product.added', { name: fields.name }) : t('product.saved', { name: fields.name })),
        undoGroup: 'product',
        ...(product === null ? {} : { entityId: product.id }),
        run: () =>
          product === null
            ? commands.product.create({ idempotencyKey: key, ...fields })
            : commands.product.update({ idempotencyKey: key, id: product.id, expectedVersion: product.version, ...fields }),
      }),
    );
    if (outcome !== 'refused') props.onClose();
  };

  return (
    <Dialog title={product === null ? t('product.addTitle') : t('product.editTitle', { name: product.name })} onClose={props.onClose}>
      <SubmitForm className="form" data-testid="product-dialog" onSubmit={save}>
        <TextField label={t('product.name')} value={form.name} onChange={(name) => set({ name })} required error={problem('name', null)} />
        <div className="row">
          <label>
            {t('product.kind')}
            <select value={form.kind} onChange={(event) => set({ kind: event.target.value as ProductKind })}>
              <Options choices={productKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))} />
            </select>
          </label>
          <TextField label={t('product.unit')} value={form.unit} onChange={(unit) => set({ unit })} required error={problem('unit', null)} />
        </div>
        <TextField label={t('product.supplier')} value={form.supplier} onChange={(supplier) => set({ supplier })} error={problem('supplier', null)} />
        <div className="row">
          <TextField label={t('product.cost')} inputMode="decimal" value={form.cost} onChange={(value) => { set({ cost: value }); setError(null); }} error={problem('costCents', cost === null ? t('product.moneyProblem') : null)} />
          <TextField label={t('product.price')} inputMode="decimal" value={form.price} onChange={(value) => { set({ price: value }); setError(null); }} error={problem('priceCents', price === null ? t('product.moneyProblem') : null)} />
          <TextField label={t('product.lowAt')} inputMode="numeric" value={form.lowAt} onChange={(value) => set({ lowAt: value })} error={problem('lowStockAt', lowAt === null ? t('count.notANumber') : null)} />
        </div>
        <ErrorNotice error={error?.details?.field === undefined ? error : null} onDismiss={() => setError(null)} />
        <FormFooter backLabel={t('product.cancel')} onBack={props.onClose} submitLabel={busy ? t('product.saving') : t('product.save')} disabled={busy || cost === null || price === null || lowAt === null} />
      </SubmitForm>
    </Dialog>
  );
}
