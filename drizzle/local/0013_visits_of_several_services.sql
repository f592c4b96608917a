ALTER TABLE `appointments` ADD `visit_id` text;--> statement-breakpoint
CREATE INDEX `appointments_visit` ON `appointments` (`visit_id`,`starts_at`) WHERE "appointments"."visit_id" IS NOT NULL;