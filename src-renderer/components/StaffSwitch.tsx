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

/** Who is at the desk: the actor of every change. A staff member with a PIN needs it. */
export function StaffSwitch() {
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
      useDesk.getState().pushToast({ message: `${member.name} is now at the desk.`, tone: 'info' });
      close();
    });
  };
  return (
    <Dialog title="Who is at the desk?" onClose={close}>
      <SubmitForm className="form" onSubmit={submit}>
        <p className="muted">Every change is recorded under this name.</p>
        <fieldset className="staff-choices">
          <legend>Staff</legend>
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
              {item.role === 'owner' ? ' (owner)' : ''}
              {item.hasPin ? ' · PIN' : ''}
            </label>
          ))}
        </fieldset>
        {member?.hasPin ? (
          <PinField label={`PIN for ${member.name}`} autoComplete="off" value={pin} onChange={setPin} />
        ) : null}
        <ErrorNotice error={error} />
        <FormFooter backLabel="Not now" onBack={close} submitLabel="Switch" disabled={!member || busy} />
      </SubmitForm>
    </Dialog>
  );
}
