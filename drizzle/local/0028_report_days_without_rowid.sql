-- report_days keyed by its primary key alone (WITHOUT ROWID): a booking's rollup writes one
-- b-tree page instead of the table's and its key index's. drizzle-kit does not model WITHOUT ROWID;
-- a later generated change to this table must keep it (see src-main/core/store/schema.ts).
CREATE TABLE `__report_days_keyed` (
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
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__report_days_keyed` ("dimension", "day", "subject_id", "bookings", "completed", "cancelled", "no_shows", "late_cancellations", "kept", "kept_ms", "cents")
  SELECT "dimension", "day", "subject_id", "bookings", "completed", "cancelled", "no_shows", "late_cancellations", "kept", "kept_ms", "cents" FROM `report_days`;
--> statement-breakpoint
DROP TABLE `report_days`;
--> statement-breakpoint
ALTER TABLE `__report_days_keyed` RENAME TO `report_days`;
