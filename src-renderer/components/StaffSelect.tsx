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
        {props.staff.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
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
        {props.services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name}
          </option>
        ))}
      </select>
    </label>
  );
}
