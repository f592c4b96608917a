/** The <option>s of a <select>, one per choice: `value` is what the select holds, `label` the words a person reads. */
export function Options(props: { choices: readonly { value: string | number; label: string }[] }) {
  return props.choices.map((choice) => (
    <option key={choice.value} value={choice.value}>
      {choice.label}
    </option>
  ));
}

/** The <option>s of a choice among records (staff, services): each record's id is the value, its name the words. */
export function NamedOptions(props: { records: readonly { id: string; name: string }[] }) {
  return props.records.map((record) => (
    <option key={record.id} value={record.id}>
      {record.name}
    </option>
  ));
}
