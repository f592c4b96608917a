CREATE TABLE `waitlist` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`client_id` text NOT NULL,
	`service_id` text NOT NULL,
	`staff_id` text,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`from_time` text NOT NULL,
	`to_time` text NOT NULL,
	`note` text NOT NULL,
	`status` text NOT NULL,
	`appointment_id` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `waitlist_waiting_to_date` ON `waitlist` (`status`,`to_date`);