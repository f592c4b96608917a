-- Two booked, not deleted appointments of one staff member never overlap: the last line of
-- defence behind the server's domain check (DESIGN.md §4).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "entity_rows" ADD CONSTRAINT "entity_rows_no_overlap" EXCLUDE USING gist (
  "shop_id" WITH =,
  "staff_id" WITH =,
  int8range("starts_at", "block_ends_at") WITH &&
) WHERE ("entity_type" = 'appointment' AND "status" = 'booked' AND "deleted_at" IS NULL);
