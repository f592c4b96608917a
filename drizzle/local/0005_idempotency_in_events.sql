ALTER TABLE `events` ADD `idempotency_key` text;--> statement-breakpoint
ALTER TABLE `events` ADD `payload_hash` text;--> statement-breakpoint
ALTER TABLE `events` ADD `answer_row` text;--> statement-breakpoint
CREATE UNIQUE INDEX `events_idempotency_key` ON `events` (`idempotency_key`) WHERE "events"."idempotency_key" IS NOT NULL;