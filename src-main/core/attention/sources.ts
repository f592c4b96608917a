import type { AttentionItem } from '../../../src-shared/attention/items';
import type { Store } from '../store/open';
import { overdueFormsAttention } from '../forms/attention';
import { lowStockAttention } from '../stock/attention';
import { waitlistMatches } from '../waitlist/attention';

/**
 * What the core itself knows needs a person, beyond the system's failures and the conflicts the
 * status agent adds (src-main/agents/status/attention.ts): each source reads its own records and
 * says, in words, what is wrong and the one next step. A new kind of attention is one more source here.
 */
export type AttentionSource = (store: Store, now: number) => AttentionItem[];

export const coreAttentionSources: readonly AttentionSource[] = [overdueFormsAttention, lowStockAttention, waitlistMatches];
