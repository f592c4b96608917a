import type { AttentionItem } from '../../../src-shared/attention/items';
import { unitsOf } from '../../../src-shared/stock/followUps';
import type { Store } from '../store/open';
import { stockList } from './queries';

/** The products at or under their low-stock level (docs/architecture.md §25), lowest first. */
export function lowStockAttention(store: Store): AttentionItem[] {
  return stockList(store)
    .filter((product) => product.low)
    .sort((a, b) => a.level - b.level || a.name.localeCompare(b.name))
    .map((product) => ({
      kind: 'low-stock' as const,
      key: `low-stock:${product.id}`,
      title: `${product.name} is low on stock`,
      detail: `${product.level < 0 ? `${unitsOf(-product.level, product.unit)} short` : `${unitsOf(product.level, product.unit)} left`}; reorder at ${product.lowStockAt}.${product.supplier === '' ? '' : ` Supplier: ${product.supplier}.`}`,
      nextStep: { label: 'Open Stock', screen: 'stock' },
    }));
}
