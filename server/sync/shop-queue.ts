/**
 * Runs tasks one at a time per key (a shop), in arrival order. Push uses it so that this server
 * sends at most one transaction per shop to PostgreSQL at a time: the others wait here, holding no
 * connection, instead of queueing on the shop row's lock inside PostgreSQL. It is only a traffic
 * rule: the row locks in each transaction remain what guarantees the order (and still apply when
 * several servers share a database).
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous === undefined ? mine : previous.then(() => mine);
    this.tails.set(key, tail);
    try {
      if (previous !== undefined) await previous;
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting. */
  get busy(): number {
    return this.tails.size;
  }
}
