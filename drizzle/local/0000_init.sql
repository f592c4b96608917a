CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`client_id` text NOT NULL,
	`staff_id` text NOT NULL,
	`service_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`block_ends_at` integer NOT NULL,
	`status` text NOT NULL,
	`notes` text NOT NULL,
	`cancel_reason` text,
	`outside_hours` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointments_starts_at` ON `appointments` (`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_staff_starts_at` ON `appointments` (`staff_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `appointments_client_starts_at` ON `appointments` (`client_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`notes` text NOT NULL,
	`search_name` text NOT NULL,
	`search_phone` text
);
--> statement-breakpoint
CREATE INDEX `clients_search_name` ON `clients` (`search_name`);--> statement-breakpoint
CREATE INDEX `clients_search_phone` ON `clients` (`search_phone`);--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`type` text NOT NULL,
	`version` integer NOT NULL,
	`actor_staff_id` text,
	`device_id` text NOT NULL,
	`at` integer NOT NULL,
	`reason` text,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`undoes_event_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id` ON `events` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `events_undoes_event_id` ON `events` (`undoes_event_id`) WHERE "events"."undoes_event_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `events_entity_version` ON `events` (`entity_type`,`entity_id`,`version`);--> statement-breakpoint
CREATE INDEX `events_at` ON `events` (`at`);--> statement-breakpoint
CREATE INDEX `events_actor_seq` ON `events` (`actor_staff_id`,`seq`);--> statement-breakpoint
CREATE INDEX `events_type_seq` ON `events` (`type`,`seq`);--> statement-breakpoint
CREATE TABLE `idempotency_records` (
	`key` text PRIMARY KEY NOT NULL,
	`payload_hash` text NOT NULL,
	`result` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `local_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`mutation_id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`op` text NOT NULL,
	`base_version` integer,
	`args` text NOT NULL,
	`reason` text,
	`actor_staff_id` text,
	`client_time` integer NOT NULL,
	`state` text NOT NULL,
	`outcome` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_entity` ON `outbox` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`duration_min` integer NOT NULL,
	`buffer_after_min` integer NOT NULL,
	`price_cents` integer,
	`archived` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`shop_name` text NOT NULL,
	`time_zone` text NOT NULL,
	`opening_hours` text NOT NULL,
	`closed_dates` text NOT NULL,
	`paper_size` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`colour` text NOT NULL,
	`role` text NOT NULL,
	`pin_hash` text,
	`active` integer NOT NULL
);
