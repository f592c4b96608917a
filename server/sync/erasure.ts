import type { EntityType } from '../../src-shared/entities';
import { personalTexts, scrubFields, scrubText, scrubValue } from '../../src-shared/erasure';
import { shopCountry } from '../../src-shared/peopleSearch';
import type { Queryable } from '../db/connect';

/**
 * Erasing a client on the sync server (docs/architecture.md §28): inside the transaction that
 * applies the erasure, every copy of the client's details the shop's rows hold — the records, the
 * events' before, after and rows, the stored outcomes and idempotency answers — is rewritten
 * scrubbed, by the same pure rules the desks use (src-shared/erasure.ts).
 */

type Raw = Record<string, unknown>;

/** A stored JSON or text column, and the rows of a table that may hold the client's details there. */
interface Column {
  table: string;
  column: string;
  json: boolean;
  /** The row's key columns, and the condition keeping the read to this shop ($1). */
  key: string[];
  shop: string;
}

const columns: Column[] = [
  { table: 'entity_rows', column: 'data', json: true, key: ['shop_id', 'entity_type', 'id'], shop: 'shop_id = $1' },
  ...(['before', 'after', 'row'] as const).map((column) => ({ table: 'events', column, json: true, key: ['id'], shop: 'shop_id = $1' })),
  { table: 'events', column: 'reason', json: false, key: ['id'], shop: 'shop_id = $1' },
  {
    table: 'mutation_outcomes',
    column: 'outcome',
    json: true,
    key: ['device_id', 'mutation_id'],
    shop: 'device_id IN (SELECT id FROM devices WHERE shop_id = $1)',
  },
  { table: 'idempotency', column: 'outcome', json: true, key: ['shop_id', 'key'], shop: 'shop_id = $1' },
];

export async function scrubClientOnServer(tx: Queryable, shopId: string, clientId: string): Promise<void> {
  const versions: Raw[] = [];
  const rows = await tx.query<{ data: Raw }>(`SELECT data FROM entity_rows WHERE shop_id = $1 AND entity_type = 'client' AND id = $2`, [shopId, clientId]);
  versions.push(...rows.rows.map((row) => row.data));
  const history = await tx.query<{ before: Raw; after: Raw; row: Raw }>(
    `SELECT before, after, row FROM events WHERE shop_id = $1 AND entity_type = 'client' AND entity_id = $2`,
    [shopId, clientId],
  );
  for (const event of history.rows) versions.push(event.before, event.after, event.row);
  const settings = await tx.query<{ zone: string | null }>(`SELECT data->>'timeZone' AS zone FROM entity_rows WHERE shop_id = $1 AND entity_type = 'settings'`, [shopId]);
  const texts = personalTexts(versions, shopCountry(settings.rows[0]?.zone));

  const owned = new Map<string, EntityType>([[clientId, 'client']]);
  const theirs = await tx.query<{ kind: EntityType; id: string }>(
    `SELECT entity_type AS kind, id FROM entity_rows WHERE shop_id = $1 AND entity_type IN ('message', 'walkIn', 'waitlist') AND data->>'clientId' = $2`,
    [shopId, clientId],
  );
  for (const { kind, id } of theirs.rows) owned.set(id, kind);

  // Each owned record's history: its before and after carry its fields without an id.
  const ownedEvents = await tx.query<{ id: string; entity_type: EntityType; before: Raw; after: Raw; row: Raw }>(
    `SELECT id, entity_type, before, after, row FROM events WHERE shop_id = $1 AND entity_id = ANY($2::uuid[])`,
    [shopId, [...owned.keys()]],
  );
  for (const event of ownedEvents.rows) {
    const scrub = (value: Raw) => JSON.stringify(scrubFields(event.entity_type, scrubValue(value, texts, owned) as Raw));
    await tx.query(`UPDATE events SET before = $2::jsonb, after = $3::jsonb, row = $4::jsonb WHERE id = $1`, [
      event.id,
      scrub(event.before),
      scrub(event.after),
      scrub(event.row),
    ]);
  }

  const needles = [...texts.map((text) => text.toLowerCase()), ...[...owned.keys()].map((id) => `"${id}"`)];
  for (const { table, column, json, key, shop } of columns) {
    const patterns = json ? needles : texts.map((text) => text.toLowerCase());
    if (patterns.length === 0) continue;
    const found = await tx.query<Raw>(
      `SELECT ${key.join(', ')}, ${column} AS value FROM ${table}
        WHERE ${shop} AND EXISTS (SELECT 1 FROM unnest($2::text[]) AS p WHERE strpos(lower(${column}::text), p) > 0)`,
      [shopId, patterns],
    );
    for (const row of found.rows) {
      const next = json ? JSON.stringify(scrubValue(row.value, texts, owned)) : scrubText(String(row.value), texts);
      if (next === (json ? JSON.stringify(row.value) : row.value)) continue;
      const where = key.map((name, index) => `${name} = $${index + 2}`).join(' AND ');
      await tx.query(`UPDATE ${table} SET ${column} = $1${json ? '::jsonb' : ''} WHERE ${where}`, [next, ...key.map((name) => row[name])]);
    }
  }
}
