ALTER TABLE `appointments` ADD `retail` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `stock_movements` ADD `price_cents` integer;