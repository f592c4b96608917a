import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { trpc } from '../../api/client';
import { useSession, useStaff, useWritesLocked } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { TableHead } from '../../components/TableHead';
import { useT } from '../../i18n';
import { formatMoney } from '../settings/money';
import { ProductDialog } from './ProductDialog';
import { CountDialog, HistoryDialog, ReceiveDialog } from './StockDialogs';
import type { ProductRow } from './stockTypes';
import { unitsShown } from './unitsShown';

type Open = { kind: 'product'; product: ProductRow | null } | { kind: 'receive' | 'history'; product: ProductRow } | { kind: 'count' } | null;

/**
 * The Stock screen (docs/architecture.md §25): every product with its level (the sum of its
 * movements), its low-stock level and a mark when at or under it; receive, count, history, and —
 * for the owner — add and edit.
 */
export function StockScreen() {
  const { t } = useT('stock');
  const list = useQuery(trpc.stock.list.queryOptions());
  const locked = useWritesLocked();
  const session = useSession().data;
  const isOwner = useStaff().data?.find((member) => member.id === session?.actor.staffId)?.role === 'owner';
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const products = list.data ?? [];

  return (
    <section className="screen" aria-labelledby="stock-title">
      <header className="screen-head">
        <h1 id="stock-title">{t('title')}</h1>
        <div className="row">
          <button type="button" className="button" disabled={locked || products.length === 0} onClick={() => setOpen({ kind: 'count' })}>
            {t('countStock')}
          </button>
          {isOwner ? (
            <button type="button" className="button primary" disabled={locked} onClick={() => setOpen({ kind: 'product', product: null })}>
              {t('addProduct')}
            </button>
          ) : null}
        </div>
      </header>
      <p className="muted">{t('intro')}</p>
      {list.isError ? <QueryError error={list.error} /> : null}
      {list.data?.length === 0 ? <p className="muted">{t('empty')}</p> : null}
      {products.length > 0 ? (
        <table className="table" data-testid="stock-list">
          <TableHead
            columns={[t('columns.product'), t('columns.kind'), t('columns.inStock'), t('columns.lowAt'), t('columns.price'), t('columns.supplier')]}
            actions
          />
          <tbody>
            {products.map((product) => (
              <tr key={product.id} className={product.low ? 'stock-low' : undefined} data-testid="stock-row">
                <td>
                  <strong>{product.name}</strong>
                </td>
                <td>{t(`kind.${product.kind}`)}</td>
                <td>
                  {unitsShown(product.level, product.unit)}{' '}
                  {product.low ? <span className={`badge ${product.level < 0 ? 'tone-failed' : 'tone-pending'}`} data-testid="low-stock">{product.level < 0 ? t('short') : t('low')}</span> : null}
                </td>
                <td>{product.lowStockAt}</td>
                <td>{product.priceCents === null ? '' : formatMoney(product.priceCents)}</td>
                <td>{product.supplier}</td>
                <td className="actions">
                  <button type="button" className="button small" disabled={locked} onClick={() => setOpen({ kind: 'receive', product })}>
                    {t('receive')}
                  </button>
                  <button type="button" className="button small" onClick={() => setOpen({ kind: 'history', product })}>
                    {t('history')}
                  </button>
                  {isOwner ? (
                    <button type="button" className="button small" disabled={locked} onClick={() => setOpen({ kind: 'product', product })}>
                      {t('edit')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open?.kind === 'product' ? <ProductDialog product={open.product} onClose={close} /> : null}
      {open?.kind === 'receive' ? <ReceiveDialog product={open.product} onClose={close} /> : null}
      {open?.kind === 'history' ? <HistoryDialog product={open.product} onClose={close} /> : null}
      {open?.kind === 'count' ? <CountDialog products={products} onClose={close} /> : null}
    </section>
  );
}
