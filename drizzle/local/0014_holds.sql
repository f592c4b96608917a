ALTER TABLE `appointments` ADD `hold_expires_at` integer;--> statement-breakpoint
CREATE INDEX `appointments_holds` ON `appointments` (`hold_expires_at`) WHERE "appointments"."status" = 'held';