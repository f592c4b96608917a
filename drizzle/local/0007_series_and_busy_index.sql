DROP INDEX `appointments_staff_starts_at`;--> statement-breakpoint
ALTER TABLE `appointments` ADD `series_id` text;--> statement-breakpoint
CREATE INDEX `appointments_staff_busy` ON `appointments` (`staff_id`,`starts_at`,`block_starts_at`,`block_ends_at`,`status`,`deleted_at`,`id`);--> statement-breakpoint
CREATE INDEX `appointments_series` ON `appointments` (`series_id`,`starts_at`) WHERE "appointments"."series_id" IS NOT NULL;