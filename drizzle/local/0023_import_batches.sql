CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`file_name` text NOT NULL,
	`added` integer NOT NULL,
	`merged` integer NOT NULL,
	`skipped` integer NOT NULL
);
