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
import { useT, screenT } from '../../i18n';
import { Panel } from '../../components/Panel';
import { Options } from '../../components/Options';

type Role = 'owner' | 'staff';
const roleLabel = (role: Role) => {
  const t = screenT('settings');
  return (role === 'owner' ? t('owner') : t('staff'));
};

/** The roles to choose from when adding a member or changing one: staff first, the usual choice. */
function RoleOptions() {
  const { t } = useT('settings');
  return (
    <Options
      choices={[
        { value: 'staff', label: t('staff') },
        { value: 'owner', label: t('owner') },
      ]}
    />
  );
}

/**
 * A PIN on the staff forms: narrow in its row, with its refusal beside it. A new PIN unless it is
 * the `current` one being confirmed, so the browser fills in or offers to keep the right one.
 */
function StaffPinField(props: {
  label: string;
  current?: boolean;
  value: string;
  disabled?: boolean;
  onChange: (pin: string) => void;
  errorId: string;
  error: string | null;
}) {
  return (
    <PinField
      className="narrow"
      label={props.label}
      autoComplete={props.current ? 'current-password' : 'new-password'}
      value={props.value}
      disabled={props.disabled}
      onChange={props.onChange}
      error={{ id: props.errorId, message: props.error }}
    />
  );
}

/** Name, colour and role: the owner's to change. */
function DetailsForm(props: { member: StaffView; disabled: boolean }) {
  const { t } = useT('settings');
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
    <Panel titleId="details-title" title={t('details')} level={3}>
      <SubmitForm
        className="form"
        noValidate
        onSubmit={() => {
          void act(t('updated', { value: name.trim() || member.name }), 'staff', member.id, (key) =>
            commands.staff.update({ idempotencyKey: key, id: member.id, expectedVersion: member.version, ...changes }),
          );
        }}
      >
        <div className="row">
          <TextField label={t('name')} value={name} disabled={props.disabled} onChange={setName} error={{ id: 'staff-name-error', message: nameError }} />
          <TextField className="narrow" label={t('colour')} type="color" value={colour} disabled={props.disabled} onChange={setColour} />
          <label className="narrow">
            {t('role')}
            <select
              value={role}
              disabled={props.disabled}
              onChange={(event) => setRole(event.target.value as Role)}
              {...describedBy('staff-role-error', roleError)}
            >
              <RoleOptions />
            </select>
            <FieldError id="staff-role-error" message={roleError} />
          </label>
        </div>
        <button type="submit" className="button primary" disabled={props.disabled || Object.keys(changes).length === 0}>
          {t('saveDetails')}
        </button>
      </SubmitForm>
      {notice}
    </Panel>
  );
}

/** The owner sets, changes or removes anyone's PIN; a signed-in person changes their own with the one they have. */
function PinPanel(props: { member: StaffView; isOwner: boolean; isMe: boolean; locked: boolean }) {
  const { t } = useT('settings');
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
    <Panel
      titleId="pin-title"
      title={t('pin')}
      level={3}
      intro={member.hasPin ? t('hasAPinItIs', { first }) : t('hasNoPinAnyoneAt', { first })}
    >
      {props.isMe ? (
        <SubmitForm
          className="form"
          aria-label={member.hasPin ? t('changeMyPin') : t('setMyPin')}
          noValidate
          onSubmit={() => {
            void own
              .act(member.hasPin ? t('yourPinIsChanged') : t('yourPinIsSet'), 'staff', member.id, (key) =>
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
          <h4>{member.hasPin ? t('changeMyPin') : t('setMyPin')}</h4>
          <div className="row">
            {member.hasPin ? (
              <StaffPinField label={t('myCurrentPin')} current value={current} disabled={props.locked} onChange={setCurrent} errorId="own-current-error" error={currentError} />
            ) : null}
            <StaffPinField label={t('myNewPin')} value={mine} disabled={props.locked} onChange={setMine} errorId="own-pin-error" error={mineError} />
          </div>
          <button
            type="submit"
            className="button"
            disabled={props.locked || (member.hasPin && current === '') || mine === ''}
          >
            {member.hasPin ? t('changeMyPin') : t('setMyPin')}
          </button>
          {own.notice}
        </SubmitForm>
      ) : null}
      {props.isOwner ? (
        <SubmitForm
          className="form"
          aria-label={member.hasPin ? t('resetSPin', { name: member.name }) : t('setSPin', { name: member.name })}
          noValidate
          onSubmit={() => {
            void owner
              .act(member.hasPin ? t('newPinFor', { name: member.name }) : t('pinSetFor', { name: member.name }), 'staff', member.id, (key) =>
                commands.staff.update({ idempotencyKey: key, id: member.id, expectedVersion: member.version, pin }),
              )
              .then((ok) => ok && setPin(''));
          }}
        >
          {props.isMe ? <h4>{t('orAsTheOwnerReset')}</h4> : null}
          <div className="row">
            <StaffPinField
              label={member.hasPin ? t('newPinDigits') : t('pinDigits')}
              value={pin}
              disabled={props.locked}
              onChange={setPin}
              errorId="staff-pin-error"
              error={ownerError}
            />
            <button type="submit" className="button" disabled={props.locked || pin === ''}>
              {member.hasPin ? t('resetPin') : t('setPin')}
            </button>
            {member.hasPin ? (
              <button
                type="button"
                className="button ghost"
                disabled={props.locked}
                title={t('signsInWithoutAPin', { first })}
                onClick={() =>
                  void owner.act(t('pinRemovedFor', { name: member.name }), 'staff', member.id, (key) =>
                    commands.staff.update({
                      idempotencyKey: key,
                      id: member.id,
                      expectedVersion: member.version,
                      pin: null,
                    }),
                  )
                }
              >
                {t('removePin')}
              </button>
            ) : null}
          </div>
          {owner.notice}
        </SubmitForm>
      ) : null}
    </Panel>
  );
}

function AddStaffDialog(props: { onClose: (id?: string) => void }) {
  const { t } = useT('settings');
  const locked = useWritesLocked();
  const { act, notice, errorAt } = useAct(['name', 'colour', 'role', 'pin']);
  const [name, setName] = useState('');
  const [colour, setColour] = useState('#2e7d5b');
  const [role, setRole] = useState<Role>('staff');
  const [pin, setPin] = useState('');
  const nameError = errorAt('name');
  const pinError = errorAt('pin');
  return (
    <Dialog title={t('addAStaffMember')} onClose={() => props.onClose()}>
      <SubmitForm
        className="form"
        aria-label={t('addAStaffMember')}
        noValidate
        onSubmit={() => {
          let id: string | undefined;
          void act(t('added2', { name: name.trim() }), 'staff', undefined, async (key) => {
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
          <TextField label={t('name')} value={name} onChange={setName} error={{ id: 'add-name-error', message: nameError }} />
          <TextField className="narrow" label={t('colour')} type="color" value={colour} onChange={setColour} />
          <label className="narrow">
            {t('role')}
            <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
              <RoleOptions />
            </select>
          </label>
          <StaffPinField label={t('pinOptional')} value={pin} onChange={setPin} errorId="add-pin-error" error={pinError} />
        </div>
        <p className="muted">{t('newStaffWorkWheneverThe')}</p>
        {notice}
        <FormFooter
          backLabel={t('cancel')}
          onBack={props.onClose}
          plainBack
          submitLabel={t('addStaffMember')}
          disabled={locked || name.trim() === ''}
        />
      </SubmitForm>
    </Dialog>
  );
}

function StaffProfile(props: { member: StaffView }) {
  const { t } = useT('settings');
  const { member } = props;
  const settings = useSettings().data;
  const meId = useSession().data?.actor.staffId ?? null;
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const { act, notice } = useAct();
  const history = useHistoryToggle();
  if (!settings) return null;
  const disabled = locked || !isOwner;
  const verb = member.active ? t('deactivate') : t('reactivate');
  return (
    <div className="staff-profile" data-testid="staff-profile">
      <header className="profile-head">
        <h2>
          <Dot colour={member.colour} /> {member.name}
        </h2>
        <span className="muted">
          {roleLabel(member.role)} · {member.active ? t('active') : t('inactive')}
        </span>
        <span className="profile-actions">
          <button
            type="button"
            className="button small"
            disabled={disabled}
            aria-label={`${verb} ${member.name}`}
            title={
              member.active ? t('canNoLongerSignIn') : t('canSignInAndBe')
            }
            onClick={() =>
              void act(member.active ? t('deactivatedName', { name: member.name }) : t('reactivatedName', { name: member.name }), 'staff', member.id, (key) =>
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
  const { t } = useT('settings');
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
        <h2 id="staff-title">{t('staff')}</h2>
        <ul className="list" aria-label={t('staffMembers')}>
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
                  {member.active ? roleLabel(member.role) : t('inactive')}
                  {member.hasPin ? '' : t('noPin')}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" disabled={locked || !isOwner} onClick={() => setAdding(true)}>
          {t('addAStaffMember')}
        </button>
      </div>
      <div className="staff-detail">
        {chosen ? <StaffProfile key={chosen.id} member={chosen} /> : <p className="muted">{t('noStaffYet')}</p>}
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
