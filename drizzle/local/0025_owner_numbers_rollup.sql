CREATE TABLE `report_clients` (
	`client_id` text PRIMARY KEY NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_clients_first_at` ON `report_clients` (`first_at`,`last_at`);--> statement-breakpoint
CREATE TABLE `report_days` (
	`dimension` text NOT NULL,
	`day` text NOT NULL,
	`subject_id` text NOT NULL,
	`bookings` integer NOT NULL,
	`completed` integer NOT NULL,
	`cancelled` integer NOT NULL,
	`no_shows` integer NOT NULL,
	`late_cancellations` integer NOT NULL,
	`kept` integer NOT NULL,
	`kept_ms` integer NOT NULL,
	`cents` integer NOT NULL,
	PRIMARY KEY(`dimension`, `day`, `subject_id`)
);
--> statement-breakpoint
CREATE TABLE `report_stock_days` (
	`day` text NOT NULL,
	`product_id` text NOT NULL,
	`quantity` integer NOT NULL,
	PRIMARY KEY(`day`, `product_id`)
);
--> statement-breakpoint
CREATE INDEX `stock_movements_kind_created_at` ON `stock_movements` (`kind`,`created_at`);