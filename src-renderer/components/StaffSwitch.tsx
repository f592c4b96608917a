import { useState } from 'react';
import { useSession, useStaff } from '../api/hooks';
import { client, queryClient } from '../api/client';
import { useDesk } from '../state/desk';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { SubmitForm } from './SubmitForm';
import { useAttempt } from './useAttempt';
import { PinField } from './PinField';
import { FormFooter } from './FormFooter';
import { useT } from '../i18n';

/** Who is at the desk: the actor of every change. A staff member with a PIN needs it. */
export function StaffSwitch() {
  const { t } = useT('components');
  const close = useDesk((state) => state.closeDialog);
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const session = useSession().data;
  const [chosen, setChosen] = useState(session?.actor.staffId ?? '');
  const [pin, setPin] = useState('');
  const { busy, error, attempt } = useAttempt();
  const member = staff.find((item) => item.id === chosen);
  const submit = async () => {
    if (!member) return;
    await attempt(async () => {
      await client.session.signIn.mutate({ staffId: member.id, ...(member.hasPin ? { pin } : {}) });
      await queryClient.invalidateQueries();
      useDesk.getState().pushToast({ message: t('isNowAtTheDesk', { name: member.name }), tone: 'info' });
      close();
    });
  };
  return (
    <Dialog title={t('whoIsAtTheDesk')} onClose={close}>
      <SubmitForm className="form" onSubmit={submit}>
        <p className="muted">{t('everyChangeIsRecordedUnder')}</p>
        <fieldset className="staff-choices">
          <legend>{t('staff')}</legend>
          {staff.map((item) => (
            <label key={item.id} className="choice">
              <input
                type="radio"
                name="staff"
                value={item.id}
                checked={chosen === item.id}
                onChange={() => setChosen(item.id)}
              />
              {item.name}
              {item.role === 'owner' ? t('owner') : ''}
              {item.hasPin ? t('pin') : ''}
            </label>
          ))}
        </fieldset>
        {member?.hasPin ? (
          <PinField label={t('pinFor', { name: member.name })} autoComplete="off" value={pin} onChange={setPin} />
        ) : null}
        <ErrorNotice error={error} />
        <FormFooter backLabel={t('notNow')} onBack={close} submitLabel={t('switch')} disabled={!member || busy} />
      </SubmitForm>
    </Dialog>
  );
}
