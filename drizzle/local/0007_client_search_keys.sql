CREATE TABLE `client_search_keys` (
	`key` text NOT NULL,
	`client_id` text NOT NULL,
	PRIMARY KEY(`key`, `client_id`)
);
--> statement-breakpoint
CREATE INDEX `client_search_keys_client` ON `client_search_keys` (`client_id`);