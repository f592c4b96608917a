import { moneyCell } from '../../../src-shared/money';
import type { z } from 'zod';
import type { StockMovementKind } from '../../../src-shared/entities';
import { localClockOf, localDateOf } from '../../../src-shared/time';
import { movementsBetween, stockList, type ProductStock } from '../../core/stock/queries';
import type { Store } from '../../core/store/open';
import type { Job } from '../../core/progress/jobs';
import { csvTextInSteps, dayRangeInstants, type dayRangeSchema, type CsvColumn } from './csv';

/** The stock as CSV (docs/architecture.md §25): each product's level now, and the movements of a range of days. */

const kindWords: Record<StockMovementKind, string> = {
  received: 'Received',
  sold: 'Sold',
  used: 'Used by a service',
  returned: 'Returned (visit cancelled)',
  counted: 'Counted',
};

export function stockLevelsCsv(store: Store, job?: Job): Promise<string> {
  const columns: CsvColumn<ProductStock>[] = [
    { header: 'Product', value: (product) => product.name },
    { header: 'Kind', value: (product) => (product.kind === 'retail' ? 'Retail' : 'Back-bar') },
    { header: 'Unit', value: (product) => product.unit },
    { header: 'Supplier', value: (product) => product.supplier },
    { header: 'Cost', value: (product) => moneyCell(product.costCents) },
    { header: 'Price', value: (product) => moneyCell(product.priceCents) },
    { header: 'In stock', value: (product) => String(product.level) },
    { header: 'Low-stock level', value: (product) => String(product.lowStockAt) },
    { header: 'Low', value: (product) => (product.low ? 'yes' : '') },
  ];
  return csvTextInSteps(columns, stockList(store), job);
}

export function stockMovementsCsv(store: Store, range: z.output<typeof dayRangeSchema>, job?: Job): Promise<string> {
  const { zone, from, to } = dayRangeInstants(store, range);
  type Line = ReturnType<typeof movementsBetween>[number];
  const columns: CsvColumn<Line>[] = [
    { header: 'Date', value: (line) => localDateOf(line.at, zone) },
    { header: 'Time', value: (line) => localClockOf(line.at, zone) },
    { header: 'Product', value: (line) => line.productName },
    { header: 'What', value: (line) => (line.kind === 'sold' && line.quantity > 0 ? 'Sale taken back (checkout undone)' : kindWords[line.kind]) },
    { header: 'Change', value: (line) => String(line.quantity) },
    { header: 'Counted', value: (line) => (line.counted === null ? null : String(line.counted)) },
    { header: 'Short by', value: (line) => (line.shortBy === 0 ? null : String(line.shortBy)) },
    { header: 'Client', value: (line) => line.clientName },
    { header: 'Service', value: (line) => line.serviceName },
    { header: 'Who', value: (line) => line.by },
    { header: 'Reason', value: (line) => line.reason ?? (line.note === '' ? null : line.note) },
    { header: 'Price each', value: (line) => moneyCell(line.priceCents) },
  ];
  return csvTextInSteps(columns, movementsBetween(store, { from, to }), job);
}
