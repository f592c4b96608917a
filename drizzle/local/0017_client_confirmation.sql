ALTER TABLE `appointments` ADD `client_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `appointments` ADD `client_confirmed_via` text;