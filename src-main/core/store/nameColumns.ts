import { clients, services, staff } from './schema';

/**
 * The names a receptionist reads beside a listed row — a client's, a service's, a staff member's —
 * as the columns a list selects, under the keys every list hands the screens. Each query joins
 * those tables its own way (through the row itself, its appointment, or the event that made it).
 */
export const nameColumns = { clientName: clients.name, serviceName: services.name, staffName: staff.name };
