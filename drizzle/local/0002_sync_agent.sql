CREATE TABLE `server_rows` (
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`version` integer NOT NULL,
	`row` text NOT NULL,
	`last_event_id` text NOT NULL,
	`change_id` integer NOT NULL,
	PRIMARY KEY(`entity_type`, `entity_id`)
);
--> statement-breakpoint
DROP INDEX `events_undoes_event_id`;--> statement-breakpoint
DROP INDEX `events_entity_version`;--> statement-breakpoint
CREATE INDEX `events_undoes_event_id` ON `events` (`undoes_event_id`) WHERE "events"."undoes_event_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `events_entity_version` ON `events` (`entity_type`,`entity_id`,`version`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `base_event_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `wire_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `resolution` text;--> statement-breakpoint
CREATE INDEX `outbox_wire_id` ON `outbox` (`wire_id`);