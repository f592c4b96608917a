import { useQuery } from '@tanstack/react-query';
import type { ProductKind, ProductUse } from '../../../src-shared/entities';
import { trpc } from '../../api/client';
import { useT } from '../../i18n';

/**
 * Products with how many of each (docs/architecture.md §25): what one visit of a service uses (a
 * colour uses one tube), or the retail products sold at a checkout (`only` the retail ones).
 */
export function ProductLines(props: {
  legend: string;
  value: readonly ProductUse[];
  onChange: (next: ProductUse[]) => void;
  disabled: boolean;
  only?: ProductKind;
  testId: string;
}) {
  const { t } = useT('stock');
  const products = (useQuery(trpc.stock.list.queryOptions()).data ?? []).filter((product) => props.only === undefined || product.kind === props.only);
  const unused = products.filter((product) => !props.value.some((use) => use.productId === product.id));
  const replace = (index: number, patch: Partial<ProductUse>) => props.onChange(props.value.map((use, at) => (at === index ? { ...use, ...patch } : use)));
  return (
    <fieldset data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.value.length === 0 ? <p className="muted">{t('service.none')}</p> : null}
      {props.value.map((use, index) => {
        const product = products.find((candidate) => candidate.id === use.productId);
        return (
          <div className="row" key={use.productId}>
            <label>
              {t('checkout.product')}
              <select value={use.productId} disabled={props.disabled} onChange={(event) => replace(index, { productId: event.target.value })}>
                {[...(product === undefined ? [] : [product]), ...unused].map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('service.quantity')}
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={100}
                value={use.quantity}
                disabled={props.disabled}
                onChange={(event) => replace(index, { quantity: Math.trunc(Number(event.target.value)) })}
              />
            </label>
            <button type="button" className="button small ghost" disabled={props.disabled} onClick={() => props.onChange(props.value.filter((_, at) => at !== index))}>
              {t('service.remove')}
            </button>
          </div>
        );
      })}
      {unused.length > 0 ? (
        <button type="button" className="button small" disabled={props.disabled} onClick={() => props.onChange([...props.value, { productId: unused[0]!.id, quantity: 1 }])}>
          {t('service.add')}
        </button>
      ) : null}
    </fieldset>
  );
}
