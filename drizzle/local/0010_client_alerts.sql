ALTER TABLE `clients` ADD `allergies` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `clients` ADD `patch_test_on` text;--> statement-breakpoint
ALTER TABLE `clients` ADD `preferences` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `services` ADD `needs_patch_test` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `patch_test_max_age_months` integer;