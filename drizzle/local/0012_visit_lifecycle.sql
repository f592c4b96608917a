ALTER TABLE `appointments` ADD `arrived_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `service_started_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `completed_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `price_cents` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `discount_cents` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `checkout_note` text;