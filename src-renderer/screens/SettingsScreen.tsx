import { create } from 'zustand';
import { useIsOwner } from './settings/common';
import { ServicesSettings } from './settings/ServicesSettings';
import { ShopDetails } from './settings/ShopDetails';
import { ShopHoursSettings } from './settings/ShopHours';
import { StaffSettings } from './settings/StaffSettings';
import { MessageSettings } from './settings/messages/MessageSettings';
import { BackupsSection } from './BackupsSettings';
import { OffsiteBackupSection } from './OffsiteBackupSettings';
import { ExportsSection } from './ExportsSettings';
import { DeletedRecordsSection } from './DeletedRecordsSettings';
import { SyncSection } from './SyncSettings';
import { NavButton } from '../components/NavButton';
import { FormsSettings } from './settings/FormsSettings';
import { useT } from '../i18n';

type Section = 'shop' | 'hours' | 'services' | 'forms' | 'staff' | 'messages' | 'records';

const sections: { id: Section; label: string; hint: string }[] = [
  { id: 'shop', label: 'Shop and this desk', hint: 'Name, printing, sync, backups' },
  { id: 'hours', label: 'Opening hours', hint: 'Week, closed dates, special days' },
  { id: 'services', label: 'Services', hint: 'Prices, durations, who does what' },
  // Its words come from the forms catalogue (read in SettingsScreen).
  { id: 'forms', label: '', hint: '' },
  { id: 'staff', label: 'Staff', hint: 'PINs, working hours, time off' },
  { id: 'messages', label: 'Messages', hint: 'Reminders, texts, providers' },
  { id: 'records', label: 'Records', hint: 'Export, deleted clients and bookings' },
];

/** The settings section on screen, kept while the person visits other screens. */
const useSection = create<{ section: Section; setSection(section: Section): void }>((set) => ({
  section: 'shop',
  setSection: (section) => set({ section }),
}));

function ShopAndDesk(props: { isOwner: boolean }) {
  return (
    <>
      <ShopDetails />
      <SyncSection isOwner={props.isOwner} />
      <BackupsSection isOwner={props.isOwner} />
      <OffsiteBackupSection isOwner={props.isOwner} />
      <section className="panel" aria-labelledby="updates-title">
        <h2 id="updates-title">Updates</h2>
        <p className="muted">Updates are handled by the desktop app. In browser mode there is nothing to update here.</p>
      </section>
    </>
  );
}

function Records(props: { isOwner: boolean }) {
  return (
    <>
      <ExportsSection isOwner={props.isOwner} />
      {props.isOwner ? <DeletedRecordsSection /> : null}
    </>
  );
}

export function SettingsScreen() {
  const isOwner = useIsOwner();
  const { section, setSection } = useSection();
  const { t } = useT('forms');
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {!isOwner ? (
        <p className="notice notice-warn">
          Only the shop owner can change these settings. Switch to the owner at the desk to edit them; you can still change your own PIN under Staff.
        </p>
      ) : null}
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          {sections.map((item) => (
            <NavButton key={item.id} className="settings-tab" current={section === item.id} onClick={() => setSection(item.id)}>
              <span className="settings-tab-label">{item.id === 'forms' ? t('settingsTab') : item.label}</span>
              <span className="settings-tab-hint">{item.id === 'forms' ? t('settingsHint') : item.hint}</span>
            </NavButton>
          ))}
        </nav>
        <div className="settings-body">
          {section === 'shop' ? <ShopAndDesk isOwner={isOwner} /> : null}
          {section === 'hours' ? <ShopHoursSettings /> : null}
          {section === 'services' ? <ServicesSettings /> : null}
          {section === 'forms' ? <FormsSettings /> : null}
          {section === 'staff' ? <StaffSettings /> : null}
          {section === 'messages' ? <MessageSettings /> : null}
          {section === 'records' ? <Records isOwner={isOwner} /> : null}
        </div>
      </div>
    </section>
  );
}
