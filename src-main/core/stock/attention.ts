import type { AttentionItem } from '../../../src-shared/attention/items';
import { unitsIn } from '../../../src-shared/stock/unitWords';
import { shopWords } from '../settings/queries';
import { shopLanguage } from '../settings/shopLanguage';
import type { Store } from '../store/open';
import { stockList } from './queries';

/** The products at or under their low-stock level (docs/architecture.md §25), lowest first, in the shop's language. */
export function lowStockAttention(store: Store): AttentionItem[] {
  const t = shopWords(store, 'attention');
  const language = shopLanguage(store);
  return stockList(store)
    .filter((product) => product.low)
    .sort((a, b) => a.level - b.level || a.name.localeCompare(b.name))
    .map((product) => {
      const count = Math.abs(product.level);
      const level = { count, units: unitsIn(count, product.unit, language), reorderAt: product.lowStockAt };
      const stands = product.level < 0 ? t('lowStock.short', level) : t('lowStock.left', level);
      return {
        kind: 'low-stock' as const,
        key: `low-stock:${product.id}`,
        title: t('lowStock.title', { product: product.name }),
        detail: product.supplier === '' ? stands : `${stands} ${t('lowStock.supplier', { supplier: product.supplier })}`,
        nextStep: { label: t('lowStock.step'), screen: 'stock' },
      };
    });
}
