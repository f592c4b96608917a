-- A checked-in, in-service or completed visit still holds its staff member's time
-- (src-shared/entities.ts timeHoldingStatuses): the storage's backstop covers them too.
ALTER TABLE "entity_rows" DROP CONSTRAINT "entity_rows_no_overlap";
--> statement-breakpoint
ALTER TABLE "entity_rows" ADD CONSTRAINT "entity_rows_no_overlap" EXCLUDE USING gist (
  "shop_id" WITH =,
  "staff_id" WITH =,
  int8range("starts_at", "block_ends_at") WITH &&
) WHERE ("entity_type" = 'appointment' AND "status" IN ('booked', 'arrived', 'in_service', 'completed') AND "deleted_at" IS NULL);
