CREATE TABLE `blocks` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `blocks_staff_starts_at` ON `blocks` (`staff_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `blocks_starts_at` ON `blocks` (`starts_at`);--> statement-breakpoint
CREATE TABLE `time_off` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`staff_id` text NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `time_off_staff_starts_at` ON `time_off` (`staff_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `time_off_starts_at` ON `time_off` (`starts_at`);--> statement-breakpoint
ALTER TABLE `appointments` ADD `block_starts_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `outside_schedule` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `category` text;--> statement-breakpoint
ALTER TABLE `services` ADD `colour` text;--> statement-breakpoint
ALTER TABLE `services` ADD `buffer_before_min` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `performed_by` text;--> statement-breakpoint
ALTER TABLE `settings` ADD `special_days` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `staff` ADD `working_hours` text;--> statement-breakpoint
-- Time off and blocked time are removed by a soft delete like every record (invariant 2).
CREATE TRIGGER `time_off_no_delete` BEFORE DELETE ON `time_off`
BEGIN SELECT RAISE(ABORT, 'time off is soft-deleted, never removed'); END;
--> statement-breakpoint
CREATE TRIGGER `blocks_no_delete` BEFORE DELETE ON `blocks`
BEGIN SELECT RAISE(ABORT, 'blocked time is soft-deleted, never removed'); END;
