import { it } from 'vitest';
import { book, makeShop, type Shop, type ShopOptions } from './shop';

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

/**
 * shopTest with a booking too: `booked` is the id of a cut for the first client with Alice at
 * `startsAt`, booked before every test starts (whether the test names it or not).
 */
export function bookedShopTest(startsAt: number, options: ShopOptions = {}) {
  return shopTest(options).extend<{ booked: string }>({
    booked: [
      async ({ shop }, use) => {
        await use(book(shop, startsAt).row.id);
      },
      { auto: true },
    ],
  });
}
