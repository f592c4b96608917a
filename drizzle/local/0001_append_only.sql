-- History is append-only and nothing is hard-deleted (DESIGN.md §2, invariant 2): the database
-- itself refuses, so no code path can do it by mistake.
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `appointments_no_delete` BEFORE DELETE ON `appointments`
BEGIN SELECT RAISE(ABORT, 'appointments are soft-deleted, never removed'); END;
--> statement-breakpoint
CREATE TRIGGER `clients_no_delete` BEFORE DELETE ON `clients`
BEGIN SELECT RAISE(ABORT, 'clients are soft-deleted, never removed'); END;
--> statement-breakpoint
CREATE TRIGGER `staff_no_delete` BEFORE DELETE ON `staff`
BEGIN SELECT RAISE(ABORT, 'staff are deactivated, never removed'); END;
--> statement-breakpoint
CREATE TRIGGER `services_no_delete` BEFORE DELETE ON `services`
BEGIN SELECT RAISE(ABORT, 'services are archived, never removed'); END;
