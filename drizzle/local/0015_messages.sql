CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`client_id` text NOT NULL,
	`appointment_id` text,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`to` text NOT NULL,
	`reminder_offset_minutes` integer,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`retry_at` integer,
	`provider` text,
	`provider_message_id` text,
	`last_error` text,
	`subject` text,
	`body` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_appointment` ON `messages` (`appointment_id`);--> statement-breakpoint
CREATE INDEX `messages_status_due` ON `messages` (`status`,`due_at`);