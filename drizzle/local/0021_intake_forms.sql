CREATE TABLE `form_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`template_id` text NOT NULL,
	`client_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`template_name` text NOT NULL,
	`fields` text NOT NULL,
	`answers` text NOT NULL,
	`status` text NOT NULL,
	`signed_name` text,
	`signed_at` integer,
	FOREIGN KEY (`template_id`) REFERENCES `form_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `form_responses_appointment` ON `form_responses` (`appointment_id`);--> statement-breakpoint
CREATE INDEX `form_responses_client` ON `form_responses` (`client_id`);--> statement-breakpoint
CREATE TABLE `form_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`fields` text NOT NULL,
	`archived` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `services` ADD `form_template_ids` text DEFAULT '[]' NOT NULL;