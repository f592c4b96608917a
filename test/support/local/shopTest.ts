import { it } from 'vitest';
import { makeShop, type Shop, type ShopOptions } from './shop';

/**
 * vitest's `it` with a `shop` fixture: a fresh shop of makeShop(options) on its own SQLite file for
 * each test, closed after it. `const it = shopTest();` at the top of a file, then `it('…', ({ shop }) => …)`.
 */
export function shopTest(options: ShopOptions = {}) {
  return it.extend<{ shop: Shop }>({
    // vitest reads a fixture's needs from its first parameter, which must be a destructuring pattern.
    // eslint-disable-next-line no-empty-pattern
    shop: async ({}, use) => {
      const shop = await makeShop(options);
      await use(shop);
      shop.close();
    },
  });
}
