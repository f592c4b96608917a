import { NamedOptions } from './Options';
import { useT } from '../i18n';

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
  const { t } = useT('components');
  return (
    <label>
      {props.label ?? t('staff')}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required={props.anyone === undefined}>
        <option value="">{props.anyone ?? t('chooseStaff')}</option>
        <NamedOptions records={props.staff} />
      </select>
    </label>
  );
}

/** The "Service" choice: one of the shop's services that are not archived. */
export function ServiceSelect(props: { value: string; onChange: (serviceId: string) => void; services: readonly { id: string; name: string }[] }) {
  const { t } = useT('components');
  return (
    <label>
      {t('service')}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)} required>
        <option value="">{t('chooseAService')}</option>
        <NamedOptions records={props.services} />
      </select>
    </label>
  );
}
