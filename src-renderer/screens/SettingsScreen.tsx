import type { ParseKeys } from 'i18next';
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
import { LanguageAndFormats } from './settings/LanguageAndFormats';
import { FormsSettings } from './settings/FormsSettings';
import { useT } from '../i18n';
import { Panel } from '../components/Panel';

type Section = 'shop' | 'hours' | 'services' | 'forms' | 'staff' | 'messages' | 'records' | 'language';

const sections: { id: Section; label: ParseKeys<'settings'>; hint: ParseKeys<'settings'> }[] = [
  { id: 'shop', label: 'shopAndThisDesk', hint: 'namePrintingSyncBackups' },
  { id: 'hours', label: 'openingHours', hint: 'weekClosedDatesSpecialDays' },
  { id: 'services', label: 'services', hint: 'pricesDurationsWhoDoesWhat' },
  { id: 'forms', label: 'forms', hint: 'formsHint' },
  { id: 'staff', label: 'staff', hint: 'pinsWorkingHoursTimeOff' },
  { id: 'messages', label: 'messages', hint: 'remindersTextsProviders' },
  { id: 'records', label: 'records', hint: 'exportDeletedClientsAndBookings' },
];

/** The settings section on screen, kept while the person visits other screens. */
const useSection = create<{ section: Section; setSection(section: Section): void }>((set) => ({
  section: 'shop',
  setSection: (section) => set({ section }),
}));

function ShopAndDesk(props: { isOwner: boolean }) {
  const { t } = useT('settings');
  return (
    <>
      <ShopDetails />
      <SyncSection isOwner={props.isOwner} />
      <BackupsSection isOwner={props.isOwner} />
      <OffsiteBackupSection isOwner={props.isOwner} />
      <Panel titleId="updates-title" title={t('updates')} intro={t('updatesAreHandledByThe')} />
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
  const { t } = useT('settings');
  const isOwner = useIsOwner();
  const { section, setSection } = useSection();
  const { t: tLocale } = useT('settings-locale');
  return (
    <section className="screen settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings')}</h1>
      {!isOwner ? (
        <p className="notice notice-warn">
          {t('onlyTheShopOwnerCan')}
        </p>
      ) : null}
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settingsSections')}>
          {sections.map((item) => (
            <NavButton key={item.id} className="settings-tab" current={section === item.id} onClick={() => setSection(item.id)}>
              <span className="settings-tab-label">{t(item.label)}</span>
              <span className="settings-tab-hint">{t(item.hint)}</span>
            </NavButton>
          ))}
          <NavButton className="settings-tab" current={section === 'language'} onClick={() => setSection('language')}>
            <span className="settings-tab-label">{tLocale('tab')}</span>
            <span className="settings-tab-hint">{tLocale('tabHint')}</span>
          </NavButton>
        </nav>
        <div className="settings-body">
          {section === 'shop' ? <ShopAndDesk isOwner={isOwner} /> : null}
          {section === 'hours' ? <ShopHoursSettings /> : null}
          {section === 'services' ? <ServicesSettings /> : null}
          {section === 'forms' ? <FormsSettings /> : null}
          {section === 'staff' ? <StaffSettings /> : null}
          {section === 'messages' ? <MessageSettings /> : null}
          {section === 'records' ? <Records isOwner={isOwner} /> : null}
          {section === 'language' ? <LanguageAndFormats /> : null}
        </div>
      </div>
    </section>
  );
}
