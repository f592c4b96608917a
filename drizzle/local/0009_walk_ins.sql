CREATE TABLE `walk_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`client_id` text,
	`name` text NOT NULL,
	`service_id` text NOT NULL,
	`staff_id` text,
	`arrived_at` integer NOT NULL,
	`status` text NOT NULL,
	`appointment_id` text,
	`note` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `walk_ins_arrived_at` ON `walk_ins` (`arrived_at`);