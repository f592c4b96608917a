CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shop_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint,
	"revoked_at" bigint
);
--> statement-breakpoint
CREATE TABLE "entity_rows" (
	"shop_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"id" uuid NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"change_id" bigint NOT NULL,
	"staff_id" uuid,
	"starts_at" bigint,
	"block_ends_at" bigint,
	"status" text,
	"deleted_at" bigint,
	"role" text,
	CONSTRAINT "entity_rows_shop_id_entity_type_id_pk" PRIMARY KEY("shop_id","entity_type","id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shop_id" uuid NOT NULL,
	"change_id" bigint NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"actor_staff_id" uuid,
	"device_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"at" bigint NOT NULL,
	"client_time" bigint NOT NULL,
	"reason" text,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"row" jsonb NOT NULL,
	"undoes_event_id" uuid
);
--> statement-breakpoint
CREATE TABLE "idempotency" (
	"shop_id" uuid NOT NULL,
	"key" text NOT NULL,
	"payload_hash" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "idempotency_shop_id_key_pk" PRIMARY KEY("shop_id","key")
);
--> statement-breakpoint
CREATE TABLE "mutation_outcomes" (
	"device_id" uuid NOT NULL,
	"mutation_id" bigint NOT NULL,
	"status" text NOT NULL,
	"outcome" jsonb NOT NULL,
	"at" bigint NOT NULL,
	CONSTRAINT "mutation_outcomes_device_id_mutation_id_pk" PRIMARY KEY("device_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "pairing_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"shop_id" uuid NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	"device_id" uuid
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"change_counter" bigint DEFAULT 0 NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_rows" ADD CONSTRAINT "entity_rows_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency" ADD CONSTRAINT "idempotency_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_outcomes" ADD CONSTRAINT "mutation_outcomes_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_codes" ADD CONSTRAINT "pairing_codes_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_hash_idx" ON "devices" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "devices_shop_idx" ON "devices" USING btree ("shop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entity_rows_id_idx" ON "entity_rows" USING btree ("id") WHERE "entity_rows"."entity_type" <> 'settings';--> statement-breakpoint
CREATE INDEX "entity_rows_staff_time_idx" ON "entity_rows" USING btree ("shop_id","staff_id","starts_at") WHERE "entity_rows"."entity_type" = 'appointment';--> statement-breakpoint
CREATE UNIQUE INDEX "events_shop_change_idx" ON "events" USING btree ("shop_id","change_id");--> statement-breakpoint
CREATE UNIQUE INDEX "events_undoes_idx" ON "events" USING btree ("undoes_event_id");--> statement-breakpoint
CREATE INDEX "events_entity_idx" ON "events" USING btree ("shop_id","entity_id");--> statement-breakpoint
CREATE INDEX "pairing_codes_shop_idx" ON "pairing_codes" USING btree ("shop_id");