/** The "Staff" choice of a booking or a blocked time: one of the people offered, or none chosen yet. */
export function StaffSelect(props: {
  value: string;
  onChange: (staffId: string) => void;
  staff: readonly { id: string; name: string }[];
}) {
  return (
    <label>
      Staff
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required>
        <option value="">Choose staff</option>
        {props.staff.map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </select>
    </label>
  );
}
