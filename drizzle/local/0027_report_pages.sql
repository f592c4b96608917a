DROP INDEX `report_clients_first_at`;--> statement-breakpoint
CREATE INDEX `report_clients_first_at` ON `report_clients` (`first_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_report_days` (
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
	PRIMARY KEY(`day`, `dimension`, `subject_id`)
);
--> statement-breakpoint
INSERT INTO `__new_report_days`("dimension", "day", "subject_id", "bookings", "completed", "cancelled", "no_shows", "late_cancellations", "kept", "kept_ms", "cents") SELECT "dimension", "day", "subject_id", "bookings", "completed", "cancelled", "no_shows", "late_cancellations", "kept", "kept_ms", "cents" FROM `report_days`;--> statement-breakpoint
DROP TABLE `report_days`;--> statement-breakpoint
ALTER TABLE `__new_report_days` RENAME TO `report_days`;--> statement-breakpoint
PRAGMA foreign_keys=ON;