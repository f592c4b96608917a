import type { Store } from './open';

/**
 * What the desk keeps in memory for one open store besides its rows: prepared statements, the
 * transaction runner, write locks, the integrity verdict, outbox listeners, problems the store
 * refused to keep, its sync agent. One object per connection, made by openStore, so all of it
 * lives and dies with the connection: a restored store starts clean, and no module keeps a map
 * of stores of its own. Each part of the desk declares its slot here with `storeSlot` (a name and
 * how its first value is made), so this folder need not know the types the other parts keep.
 */
export interface StoreSlot<T> {
  readonly name: string;
  readonly create: (store: Store) => T;
}

export function storeSlot<T>(name: string, create: (store: Store) => T): StoreSlot<T> {
  return { name, create };
}

export class StoreState {
  readonly #values = new Map<StoreSlot<unknown>, unknown>();

  /** The slot's value if it was ever made (reading a listener list must not make one). */
  peek<T>(slot: StoreSlot<T>): T | undefined {
    return this.#values.get(slot) as T | undefined;
  }

  set<T>(slot: StoreSlot<T>, value: T): void {
    this.#values.set(slot, value);
  }

  /** The names of the slots in use (for tests and debugging). */
  names(): string[] {
    return [...this.#values.keys()].map((slot) => slot.name);
  }
}

/** The store's value in this slot, made on first use. */
export function slotOf<T>(store: Store, slot: StoreSlot<T>): T {
  let value = store.state.peek(slot);
  if (value === undefined) {
    value = slot.create(store);
    store.state.set(slot, value);
  }
  return value;
}
