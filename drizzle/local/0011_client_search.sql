CREATE TABLE `client_search_refs` (
	`ref` integer PRIMARY KEY NOT NULL,
	`client_id` text NOT NULL,
	`search_name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_search_refs_client_id_unique` ON `client_search_refs` (`client_id`);--> statement-breakpoint
DROP INDEX `clients_search_phone`;