import { NamedOptions } from './Options';

/**
 * The "Staff" choice of a booking or a blocked time: one of the people offered, or none chosen yet.
 * Where nobody in particular is a valid answer (a waitlist entry, a walk-in), `anyone` names it.
 */
export function StaffSelect(props: {
  value: string;
  onChange: (staffId: string) => void;
  staff: readonly { id: string; name: string }[];
  label?: string;
  anyone?: string;
}) {
  return (
    <label>
      {props.label ?? 'Staff'}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required={props.anyone === undefined}>
        <option value="">{props.anyone ?? 'Choose staff'}</option>
        <NamedOptions records={props.staff} />
      </select>
    </label>
  );
}

/** The "Service" choice: one of the shop's services that are not archived. */
export function ServiceSelect(props: { value: string; onChange: (serviceId: string) => void; services: readonly { id: string; name: string }[] }) {
  return (
    <label>
      Service
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required>
        <option value="">Choose a service</option>
        <NamedOptions records={props.services} />
      </select>
    </label>
  );
}
