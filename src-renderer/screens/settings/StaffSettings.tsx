import { useState } from 'react';
import { todayIn } from '../../../src-shared/time';
import { useSession, useSettings, useStaff, useWritesLocked } from '../../api/hooks';
import { Dialog } from '../../components/Dialog';
import { commands, describedBy, Dot, FieldError, useAct, useHistoryToggle, useIsOwner } from './common';
import type { StaffView } from './rows';
import { changeOwnPin } from './scheduleCommands';
import { TimeOffList } from './TimeOffList';
import { WorkingHoursEditor } from './WorkingHours';
import { SubmitForm } from '../../components/SubmitForm';
import { PinField } from '../../components/PinField';
import { FormFooter } from '../../components/FormFooter';
import { TextField } from '../../components/TextField';

type Role = 'owner' | 'staff';
const roleLabel = (role: Role) => (role === 'owner' ? 'Owner' : 'Staff');

/** Name, colour and role: the owner's to change. */
function DetailsForm(props: { member: StaffView; disabled: boolean }) {
  const { member } = props;
  const { act, notice, errorAt } = useAct(['name', 'colour', 'role']);
  const [name, setName] = useState(member.name);
  const [colour, setColour] = useState(member.colour);
  const [role, setRole] = useState<Role>(member.role);
  const changes = {
    ...(name.trim() !== member.name ? { name: name.trim() } : {}),
    ...(colour !== member.colour ? { colour } : {}),
    ...(role !== member.role ? { role } : {}),
  };
  const nameError = errorAt('name');
  const roleError = errorAt('role');
  return (
    <section className="panel" aria-labelledby="details-title">
      <h3 id="details-title">Details</h3>
      <SubmitForm
        className="form"
        noValidate
        onSubmit={() => {
          void act(`Updated ${name.trim() || member.name}`, 'staff', member.id, (key) =>
            commands.staff.update({ idempotencyKey: key, id: member.id, expectedVersion: member.version, ...changes }),
          );
        }}
      >
        <div className="row">
          <TextField label="Name" value={name} disabled={props.disabled} onChange={setName} error={{ id: 'staff-name-error', message: nameError }} />
          <TextField className="narrow" label="Colour" type="color" value={colour} disabled={props.disabled} onChange={setColour} />
          <label className="narrow">
            Role
            <select
              value={role}
              disabled={props.disabled}
              onChange={(event) => setRole(event.target.value as Role)}
              {...describedBy('staff-role-error', roleError)}
            >
              <option value="staff">Staff</option>
              <option value="owner">Owner</option>
            </select>
            <FieldError id="staff-role-error" message={roleError} />
          </label>
        </div>
        <button type="submit" className="button primary" disabled={props.disabled || Object.keys(changes).length === 0}>
          Save details
        </button>
      </SubmitForm>
      {notice}
    </section>
  );
}

/** The owner sets, changes or removes anyone's PIN; a signed-in person changes their own with the one they have. */
function PinPanel(props: { member: StaffView; isOwner: boolean; isMe: boolean; locked: boolean }) {
  const { member } = props;
  const owner = useAct(['pin']);
  const own = useAct(['pin', 'currentPin']);
  const [pin, setPin] = useState('');
  const [current, setCurrent] = useState('');
  const [mine, setMine] = useState('');
  const first = member.name.split(' ')[0] ?? member.name;
  const ownerError = owner.errorAt('pin');
  const currentError = own.errorAt('currentPin');
  const mineError = currentError === null ? own.errorAt('pin') : null;
  return (
    <section className="panel" aria-labelledby="pin-title">
      <h3 id="pin-title">PIN</h3>
      <p className="muted">
        {member.hasPin
          ? `${first} has a PIN: it is asked when ${first} signs in at the desk.`
          : `${first} has no PIN: anyone at the desk can sign in as ${first}.`}
      </p>
      {props.isMe ? (
        <SubmitForm
          className="form"
          aria-label={member.hasPin ? 'Change my PIN' : 'Set my PIN'}
          noValidate
          onSubmit={() => {
            void own
              .act(member.hasPin ? 'Your PIN is changed' : 'Your PIN is set', 'staff', member.id, (key) =>
                changeOwnPin(key, member, member.hasPin ? current : null, mine),
              )
              .then((ok) => {
                if (ok) {
                  setCurrent('');
                  setMine('');
                }
              });
          }}
        >
          <h4>{member.hasPin ? 'Change my PIN' : 'Set my PIN'}</h4>
          <div className="row">
            {member.hasPin ? (
              <PinField
                className="narrow"
                label="My current PIN"
                autoComplete="current-password"
                value={current}
                disabled={props.locked}
                onChange={setCurrent}
                error={{ id: 'own-current-error', message: currentError }}
              />
            ) : null}
            <PinField
              className="narrow"
              label="My new PIN"
              autoComplete="new-password"
              value={mine}
              disabled={props.locked}
              onChange={setMine}
              error={{ id: 'own-pin-error', message: mineError }}
            />
          </div>
          <button
            type="submit"
            className="button"
            disabled={props.locked || (member.hasPin && current === '') || mine === ''}
          >
            {member.hasPin ? 'Change my PIN' : 'Set my PIN'}
          </button>
          {own.notice}
        </SubmitForm>
      ) : null}
      {props.isOwner ? (
        <SubmitForm
          className="form"
          aria-label={member.hasPin ? `Reset ${member.name}'s PIN` : `Set ${member.name}'s PIN`}
          noValidate
          onSubmit={() => {
            void owner
              .act(`${member.hasPin ? 'New PIN' : 'PIN set'} for ${member.name}`, 'staff', member.id, (key) =>
                commands.staff.update({ idempotencyKey: key, id: member.id, expectedVersion: member.version, pin }),
              )
              .then((ok) => ok && setPin(''));
          }}
        >
          {props.isMe ? <h4>Or, as the owner, reset it without the current one</h4> : null}
          <div className="row">
            <PinField
              className="narrow"
              label={`${member.hasPin ? 'New PIN' : 'PIN'} (4 to 8 digits)`}
              autoComplete="new-password"
              value={pin}
              disabled={props.locked}
              onChange={setPin}
              error={{ id: 'staff-pin-error', message: ownerError }}
            />
            <button type="submit" className="button" disabled={props.locked || pin === ''}>
              {member.hasPin ? 'Reset PIN' : 'Set PIN'}
            </button>
            {member.hasPin ? (
              <button
                type="button"
                className="button ghost"
                disabled={props.locked}
                title={`${first} signs in without a PIN afterwards`}
                onClick={() =>
                  void owner.act(`PIN removed for ${member.name}`, 'staff', member.id, (key) =>
                    commands.staff.update({
                      idempotencyKey: key,
                      id: member.id,
                      expectedVersion: member.version,
                      pin: null,
                    }),
                  )
                }
              >
                Remove PIN
              </button>
            ) : null}
          </div>
          {owner.notice}
        </SubmitForm>
      ) : null}
    </section>
  );
}

function AddStaffDialog(props: { onClose: (id?: string) => void }) {
  const locked = useWritesLocked();
  const { act, notice, errorAt } = useAct(['name', 'colour', 'role', 'pin']);
  const [name, setName] = useState('');
  const [colour, setColour] = useState('#2e7d5b');
  const [role, setRole] = useState<Role>('staff');
  const [pin, setPin] = useState('');
  const nameError = errorAt('name');
  const pinError = errorAt('pin');
  return (
    <Dialog title="Add a staff member" onClose={() => props.onClose()}>
      <SubmitForm
        className="form"
        aria-label="Add a staff member"
        noValidate
        onSubmit={() => {
          let id: string | undefined;
          void act(`Added ${name.trim()}`, 'staff', undefined, async (key) => {
            const result = await commands.staff.create({
              idempotencyKey: key,
              name: name.trim(),
              colour,
              role,
              ...(pin ? { pin } : {}),
            });
            id = result.row.id;
            return result;
          }).then((ok) => ok && props.onClose(id));
        }}
      >
        <div className="row">
          <TextField label="Name" value={name} onChange={setName} error={{ id: 'add-name-error', message: nameError }} />
          <TextField className="narrow" label="Colour" type="color" value={colour} onChange={setColour} />
          <label className="narrow">
            Role
            <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
              <option value="staff">Staff</option>
              <option value="owner">Owner</option>
            </select>
          </label>
          <PinField
            className="narrow"
            label="PIN (optional)"
            autoComplete="new-password"
            value={pin}
            onChange={setPin}
            error={{ id: 'add-pin-error', message: pinError }}
          />
        </div>
        <p className="muted">New staff work whenever the shop is open until you give them their own hours.</p>
        {notice}
        <FormFooter
          backLabel="Cancel"
          onBack={props.onClose}
          plainBack
          submitLabel="Add staff member"
          disabled={locked || name.trim() === ''}
        />
      </SubmitForm>
    </Dialog>
  );
}

function StaffProfile(props: { member: StaffView }) {
  const { member } = props;
  const settings = useSettings().data;
  const meId = useSession().data?.actor.staffId ?? null;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice } = useAct();
  const history = useHistoryToggle();
  if (!settings) return null;
  const disabled = locked || !isOwner;
  const verb = member.active ? 'Deactivate' : 'Reactivate';
  return (
    <div className="staff-profile" data-testid="staff-profile">
      <header className="profile-head">
        <h2>
          <Dot colour={member.colour} /> {member.name}
        </h2>
        <span className="muted">
          {roleLabel(member.role)} · {member.active ? 'Active' : 'Inactive'}
        </span>
        <span className="profile-actions">
          <button
            type="button"
            className="button small"
            disabled={disabled}
            aria-label={`${verb} ${member.name}`}
            title={
              member.active ? 'Can no longer sign in or be booked; history stays' : 'Can sign in and be booked again'
            }
            onClick={() =>
              void act(`${verb}d ${member.name}`, 'staff', member.id, (key) =>
                (member.active ? commands.staff.deactivate : commands.staff.reactivate)({
                  idempotencyKey: key,
                  id: member.id,
                  expectedVersion: member.version,
                }),
              )
            }
          >
            {verb}
          </button>
          {history.button(member.id, member.name)}
        </span>
      </header>
      {notice}
      {history.timeline('staff', member, member.name)}
      <DetailsForm key={`${member.id}-${member.version}`} member={member} disabled={disabled} />
      <PinPanel key={`pin-${member.id}`} member={member} isOwner={isOwner} isMe={member.id === meId} locked={locked} />
      <WorkingHoursEditor key={`wh-${member.id}`} member={member} disabled={disabled} />
      <TimeOffList
        key={`to-${member.id}`}
        member={member}
        zone={settings.timeZone}
        today={todayIn(settings.timeZone, Date.now())}
        disabled={disabled}
      />
    </div>
  );
}

export function StaffSettings() {
  const staff = useStaff().data ?? [];
  const meId = useSession().data?.actor.staffId ?? null;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const chosen =
    staff.find((member) => member.id === chosenId) ?? staff.find((member) => member.id === meId) ?? staff[0];
  return (
    <section className="panel staff-settings" aria-labelledby="staff-title">
      <div className="staff-list">
        <h2 id="staff-title">Staff</h2>
        <ul className="list" aria-label="Staff members">
          {staff.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className="result"
                aria-current={member.id === chosen?.id ? 'true' : undefined}
                onClick={() => setChosenId(member.id)}
              >
                <span>
                  <Dot colour={member.colour} /> {member.name}
                </span>
                <span className="muted">
                  {member.active ? roleLabel(member.role) : 'Inactive'}
                  {member.hasPin ? '' : ' · no PIN'}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" disabled={locked || !isOwner} onClick={() => setAdding(true)}>
          Add a staff member
        </button>
      </div>
      <div className="staff-detail">
        {chosen ? <StaffProfile key={chosen.id} member={chosen} /> : <p className="muted">No staff yet.</p>}
      </div>
      {adding ? (
        <AddStaffDialog
          onClose={(id) => {
            setAdding(false);
            if (id) setChosenId(id);
          }}
        />
      ) : null}
    </section>
  );
}
