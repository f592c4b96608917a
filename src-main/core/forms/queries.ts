import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { FormField, FormResponse, FormTemplate } from '../../../src-shared/entities';
import type { Store } from '../store/open';
import { appointments, formResponses, formTemplates, services } from '../store/schema';
import { slotOf, storeSlot } from '../store/state';

/**
 * The screens' reads of intake forms (docs/architecture.md §27): the templates (Settings → Forms,
 * the service dialog), what a visit needs and what is filled in (the drawer, check-in), a client's
 * forms (their history), and the visits still missing a signed form (the cards, the attention list).
 */

/** Every template the shop keeps (archived ones too: a service may still name one), by name. */
export function formTemplateList(store: Store): FormTemplate[] {
  return store.db.select().from(formTemplates).where(isNull(formTemplates.deletedAt)).orderBy(asc(formTemplates.name)).all() as FormTemplate[];
}

export interface VisitForm {
  templateId: string;
  /** The template's name and questions now; a response keeps its own copy. */
  name: string;
  fields: FormField[];
  response: FormResponse | null;
}

/** The forms a visit's service asks for, each with the response filled for this visit, if any. */
export function visitForms(store: Store, appointmentId: string): VisitForm[] {
  const visit = store.db
    .select({ formTemplateIds: services.formTemplateIds })
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .where(eq(appointments.id, appointmentId))
    .get();
  if (visit === undefined || visit.formTemplateIds.length === 0) return [];
  const templates = new Map(formTemplateList(store).map((template) => [template.id, template]));
  const responses = store.db
    .select()
    .from(formResponses)
    .where(and(eq(formResponses.appointmentId, appointmentId), isNull(formResponses.deletedAt)))
    .all() as FormResponse[];
  return visit.formTemplateIds.flatMap((templateId) => {
    const template = templates.get(templateId);
    if (template === undefined) return [];
    const response = responses.find((candidate) => candidate.templateId === templateId) ?? null;
    return [{ templateId, name: template.name, fields: template.fields, response }];
  });
}

/** A client's forms, newest first, each with the visit it was for. */
export function clientForms(store: Store, clientId: string) {
  return store.db
    .select({ response: formResponses, startsAt: appointments.startsAt, serviceName: services.name })
    .from(formResponses)
    .innerJoin(appointments, eq(appointments.id, formResponses.appointmentId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .where(and(eq(formResponses.clientId, clientId), isNull(formResponses.deletedAt)))
    .orderBy(desc(appointments.startsAt))
    .all()
    .map(({ response, startsAt, serviceName }) => ({ ...(response as FormResponse), startsAt, serviceName }));
}
export type ClientForm = ReturnType<typeof clientForms>[number];

export interface MissingForm {
  appointmentId: string;
  clientId: string;
  clientName: string;
  serviceName: string;
  startsAt: number;
  templateId: string;
  templateName: string;
}

/**
 * The forms still to be signed for visits starting in [from, to) that are booked or checked in:
 * each (visit, template) its service asks for without a signed response. One statement over the
 * services' lists (json_each), prepared once per store, never a query per visit: the day and week
 * views ask it for every range they draw.
 */
const missingStatement = storeSlot('missing forms', (store: Store) =>
  store.sqlite.prepare<[number, number], MissingForm>(
    `SELECT a.id AS appointmentId, a.client_id AS clientId, c.name AS clientName, s.name AS serviceName,
            a.starts_at AS startsAt, t.id AS templateId, t.name AS templateName
       FROM appointments a
       JOIN services s ON s.id = a.service_id
       JOIN json_each(s.form_template_ids) needed
       JOIN form_templates t ON t.id = needed.value AND t.deleted_at IS NULL
       JOIN clients c ON c.id = a.client_id
      WHERE a.starts_at >= ? AND a.starts_at < ? AND a.deleted_at IS NULL AND a.status IN ('booked', 'arrived')
        AND NOT EXISTS (SELECT 1 FROM form_responses r
                         WHERE r.appointment_id = a.id AND r.template_id = t.id AND r.status = 'signed' AND r.deleted_at IS NULL)
      ORDER BY a.starts_at, c.name, t.name`,
  ),
);

export function missingForms(store: Store, from: number, to: number): MissingForm[] {
  return slotOf(store, missingStatement).all(from, to);
}

/** The names of the forms each visit in [from, to) still needs signed, by appointment id (the cards' and drawer's marker). */
export function missingFormNamesByVisit(store: Store, from: number, to: number): Map<string, string[]> {
  const byVisit = new Map<string, string[]>();
  for (const missing of missingForms(store, from, to)) {
    const names = byVisit.get(missing.appointmentId);
    if (names === undefined) byVisit.set(missing.appointmentId, [missing.templateName]);
    else names.push(missing.templateName);
  }
  return byVisit;
}
