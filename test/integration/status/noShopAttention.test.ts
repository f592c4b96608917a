import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { attentionList } from '../../../src-main/agents/status/attention';
import { openStore } from '../../../src-main/core/store/open';
import { tempDir } from '../shell/fixtures';

/**
 * A desk with no shop yet shows the set-up screen under the status banner: nothing there needs a
 * person, and no source of the attention list may fail for want of the shop (its failure would be
 * the banner's top item, in English whatever the set-up screen speaks).
 */

const store = openStore(join(tempDir('caredesk-no-shop-'), 'desk.sqlite'));
afterAll(() => store.close());

describe('the attention list before the shop is set up', () => {
  it('has no failing source', () => {
    const items = attentionList(store, Date.UTC(2026, 10, 30, 10, 30), {
      agent: null,
      freeBytes: () => 2048 * 1024 * 1024,
    });
    expect(items.filter((item) => item.kind === 'failure')).toEqual([]);
  });
});
