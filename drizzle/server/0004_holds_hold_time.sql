-- A hold (a time pencilled in for a client who will call back) holds its staff member's time until
-- it is confirmed, released or runs out (src-shared/entities.ts timeHoldingStatuses): the
-- storage's backstop covers it too.
ALTER TABLE "entity_rows" DROP CONSTRAINT "entity_rows_no_overlap";
--> statement-breakpoint
ALTER TABLE "entity_rows" ADD CONSTRAINT "entity_rows_no_overlap" EXCLUDE USING gist (
  "shop_id" WITH =,
  "staff_id" WITH =,
  int8range("starts_at", "block_ends_at") WITH &&
) WHERE ("entity_type" = 'appointment' AND "status" IN ('booked', 'arrived', 'in_service', 'completed', 'held') AND "deleted_at" IS NULL);
