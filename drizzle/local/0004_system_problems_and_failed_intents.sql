CREATE TABLE `failed_intents` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`procedure` text NOT NULL,
	`input` text NOT NULL,
	`label` text NOT NULL,
	`error` text NOT NULL,
	`actor_staff_id` text,
	`failed_at` integer NOT NULL,
	`last_failed_at` integer NOT NULL,
	`attempts` integer NOT NULL,
	`resolution` text,
	`resolved_at` integer,
	`resolved_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `failed_intents_key` ON `failed_intents` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `failed_intents_open` ON `failed_intents` (`resolved_at`);--> statement-breakpoint
CREATE TABLE `system_problems` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`message` text NOT NULL,
	`next_step` text NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`occurrences` integer NOT NULL,
	`resolved_at` integer,
	`dismissed_at` integer,
	`dismissed_by` text
);
--> statement-breakpoint
CREATE INDEX `system_problems_kind` ON `system_problems` (`kind`,`resolved_at`);