import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { addDays, EARLIEST_DATE, formatLocalDate, isSupportedDate, LATEST_DATE, todayIn } from '../src-shared/time';
import { shownFormat } from '../src-shared/locale/format';
import { queryClient, trpc } from './api/client';
import type { WeekView as WeekData } from './api/types';
import { useLiveUpdates } from './api/live';
import { useSession, useSettings, useStaff, useWritesLocked } from './api/hooks';
import { PendingTray } from './components/PendingTray';
import { StaffSwitch } from './components/StaffSwitch';
import { StatusBanner } from './components/StatusBanner';
import { Toasts } from './components/Toasts';
import { AppointmentDialog, CancelDialog } from './screens/AppointmentDialog';
import { ActivityScreen } from './screens/ActivityScreen';
import { WalkInBar } from './screens/WalkIns';
import { StockScreen } from './screens/stock/StockScreen';
import { useT } from './i18n';
import { WaitlistScreen } from './screens/WaitlistScreen';
import { MessagesScreen, useMessageAttention } from './screens/messages/MessagesScreen';
import { ClientsScreen } from './screens/ClientsScreen';
import { DayView } from './screens/DayView';
import { WeekView } from './screens/WeekView';
import { PrintDialog } from './screens/PrintDialog';
import { BlockDialog } from './screens/BlockDialog';
import { BlockDrawer } from './screens/BlockDrawer';
import { Drawer } from './screens/Drawer';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { SetupScreen } from './screens/SetupScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { NumbersNavButton } from './screens/dashboard/NumbersNavButton';
import { undoChange } from './state/actions';
import { undoLabelOf } from './state/undoWording';
import { useDesk, type Screen } from './state/desk';
import { NavButton } from './components/NavButton';
import { tShown, useShopLocale } from './i18n';
import { BookingChangeButton } from './components/BookingChangeButton';
import { PressedChoices } from './components/PressedChoices';
import type { ParseKeys } from 'i18next';
import { DateField } from './components/DateTimeFields';
import { shownName } from './clientNames';
import { machineLanguage, machineZone, newShopLocale } from './machineLocale';
import type { Language } from '../src-shared/i18n/languages';

const screens: { id: Screen; label: ParseKeys<'app'> }[] = [
  { id: 'day', label: 'day' },
  { id: 'clients', label: 'clients' },
  { id: 'waitlist', label: 'waitlist' },
  { id: 'messages', label: 'messages' },
  { id: 'stock', label: 'stock' },
  { id: 'activity', label: 'activity' },
  { id: 'settings', label: 'settings' },
  { id: 'recovery', label: 'recoveryCenter' },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function GlobalSearch(props: { inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useT('app');
  const [query, setQuery] = useState('');
  const openClient = useDesk((state) => state.openClient);
  const results = useQuery(trpc.clients.search.queryOptions({ query, limit: 6 }, { enabled: query.trim().length > 0 }));
  return (
    <div className="global-search" role="search">
      <label htmlFor="global-search" className="sr-only">
        {t('searchClients')}
      </label>
      <input
        id="global-search"
        ref={props.inputRef}
        type="search"
        placeholder={t('searchClients2')}
        value={query}
        autoComplete="off"
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setQuery('');
            event.currentTarget.blur();
          }
          if (event.key === 'Enter' && results.data?.[0]) {
            openClient(results.data[0].id);
            setQuery('');
          }
        }}
      />
      {query.trim() && results.data ? (
        <ul className="search-popover" aria-label={t('searchResults')}>
          {results.data.length === 0 ? <li className="muted">{t('noClientMatches')}</li> : null}
          {results.data.map((client) => (
            <li key={client.id}>
              <button
                type="button"
                className="result"
                onClick={() => {
                  openClient(client.id);
                  setQuery('');
                }}
              >
                <strong>{shownName(client.name)}</strong> <span className="muted">{client.phone ?? ''}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** How many messages need a person (failed, missed, not sure), on the Messages button. */
function MessagesBadge() {
  const { t } = useT('app');
  const attention = useMessageAttention().data;
  const count = attention ? attention.failed + attention.missed + attention.uncertain : 0;
  return count > 0 ? (
    <span className="count-badge" data-testid="messages-badge">
      {count}
      <span className="sr-only">{t('needAttention')}</span>
    </span>
  ) : null;
}

/** "Week of 14–20 December 2026" for the week holding a date, from the shop's first day of the week. */
function weekTitle(date: string): string {
  const format = shownFormat();
  return tShown('format')('weekOf', format.weekSpan(format.weekStartOf(date)));
}

function DateNav(props: { zone: string }) {
  const { t } = useT('app');
  const date = useDesk((state) => state.date) ?? '';
  const setDate = useDesk((state) => state.setDate);
  const span = useDesk((state) => state.span);
  const step = span === 'week' ? 7 : 1;
  const today = todayIn(props.zone, Date.now());
  const inThisWeek = span === 'week' && date !== '' && weekTitle(date) === weekTitle(today);
  return (
    <nav className="date-nav" aria-label={t('date')}>
      <button type="button" className="button" aria-label={span === 'week' ? t('previousWeek') : t('previousDay')} onClick={() => setDate(addDays(date, -step))}>
        ←
      </button>
      <button type="button" className="button" onClick={() => setDate(today)} aria-pressed={date === today}>
        {t('today')}
      </button>
      <button type="button" className="button" aria-label={span === 'week' ? t('nextWeek') : t('nextDay')} onClick={() => setDate(addDays(date, step))}>
        →
      </button>
      <h1 className="date-title" data-testid="date-title">
        {date ? (span === 'week' ? weekTitle(date) : formatLocalDate(date)) : ''}
        {span === 'week' ? (inThisWeek ? <span className="today-tag">{t('thisWeek')}</span> : null) : date === today ? <span className="today-tag">{t('today')}</span> : null}
      </h1>
      <label className="sr-only" htmlFor="date-picker">
        {t('goToDate')}
      </label>
      <DateField
        id="date-picker"
        value={date}
        min={EARLIEST_DATE}
        max={LATEST_DATE}
        onChange={(typed) => isSupportedDate(typed) && setDate(typed)}
      />
    </nav>
  );
}

export function App() {
  const { t } = useT('app');
  const session = useSession();
  useLiveUpdates();
  const settings = useSettings();
  // Before a shop exists, the machine's language, or the one chosen on the set-up screen.
  const [setupLanguage, setSetupLanguage] = useState<Language>(() => machineLanguage(navigator.languages, machineZone()));
  const noShopLocale = useMemo(() => newShopLocale(setupLanguage, machineZone()), [setupLanguage]);
  const localeKey = useShopLocale(settings.data?.locale ?? noShopLocale);
  const staff = useStaff();
  const desk = useDesk();
  const locked = useWritesLocked();
  const searchRef = useRef<HTMLInputElement>(null);
  const zone = settings.data?.timeZone ?? 'UTC';
  const [addingWalkIn, setAddingWalkIn] = useState(false);
  const setDate = desk.setDate;
  const date = desk.date;

  useEffect(() => {
    if (settings.data && date === null) setDate(todayIn(settings.data.timeZone, Date.now()));
  }, [settings.data, date, setDate]);

  // Nobody at the desk yet: ask who it is (reading works without it).
  const needsActor = session.data !== undefined && !session.data.needsSetup && session.data.actor.staffId === null;
  const askedRef = useRef(false);
  useEffect(() => {
    if (needsActor && !askedRef.current && staff.data && staff.data.length > 0) {
      askedRef.current = true;
      useDesk.getState().openDialog({ kind: 'staffSwitch' });
    }
  }, [needsActor, staff.data]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = useDesk.getState();
      if (event.key === 'Escape') {
        if (state.dialog === null && state.selectedAppointmentId !== null) state.select(null);
        if (state.dialog === null && state.selectedBlockId !== null) state.selectBlock(null);
        return;
      }
      if (state.dialog !== null || document.querySelector('dialog[open]')) return;
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
        if (isTyping(event.target)) return;
        event.preventDefault();
        const last = state.lastUndo;
        if (last && last.expiresAt > Date.now()) {
          state.setLastUndo(null);
          void undoChange(last, undoLabelOf(last.label)).catch(() => undefined);
        } else {
          state.pushToast({
            message: t('nothingToUndoFromThe'),
            tone: 'info',
          });
        }
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const current = state.date;
      switch (event.key) {
        case 'n':
        case 'N':
          if (!locked) {
            event.preventDefault();
            state.setScreen('day');
            state.openDialog({ kind: 'new', ...(current ? { date: current } : {}) });
          }
          break;
        case 't':
        case 'T':
          state.setScreen('day');
          state.setDate(todayIn(zone, Date.now()));
          break;
        case 'ArrowLeft':
          if (state.screen === 'day' && current) state.setDate(addDays(current, state.span === 'week' ? -7 : -1));
          break;
        case 'ArrowRight':
          if (state.screen === 'day' && current) state.setDate(addDays(current, state.span === 'week' ? 7 : 1));
          break;
        case '/':
          event.preventDefault();
          searchRef.current?.focus();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zone, locked]);

  const dayQuery = useQuery(
    trpc.appointments.day.queryOptions({ date: date ?? '' }, { enabled: date !== null && !!settings.data }),
  );
  const selected = dayQuery.data?.appointments.find((item) => item.id === desk.selectedAppointmentId);
  const selectedBlockColumn = dayQuery.data?.staff.find((member) => member.blocks.some((block) => block.id === desk.selectedBlockId));
  const selectedBlock = selectedBlockColumn?.blocks.find((block) => block.id === desk.selectedBlockId);
  const drawerOpen = (selected !== undefined || selectedBlock !== undefined) && desk.screen === 'day' && desk.span === 'day';
  const dialogId = desk.dialog && 'appointmentId' in desk.dialog ? desk.dialog.appointmentId : undefined;
  // A drop in the week view onto a time that has passed opens the reschedule form for a booking of another day.
  const dialogAppointment =
    dialogId === undefined
      ? undefined
      : (dayQuery.data?.appointments.find((item) => item.id === dialogId) ??
        queryClient
          .getQueriesData<WeekData>({ queryKey: trpc.appointments.week.queryKey() })
          .flatMap(([, data]) => data?.appointments ?? [])
          .find((item) => item.id === dialogId));

  if (session.isError) {
    return (
      <main className="fatal" role="alert">
        <h1>{t('caredeskIsNotAnswering')}</h1>
        <p>{session.error.message}</p>
        <p>{t('checkThatCaredeskIsStill')}</p>
      </main>
    );
  }
  if (!session.data)
    return (
      <main className="fatal" aria-busy="true">
        {t('openingCaredesk')}
      </main>
    );
  if (session.data.needsSetup) {
    return (
      <>
        <StatusBanner />
        <SetupScreen language={setupLanguage} onLanguage={setSetupLanguage} />
        <Toasts />
      </>
    );
  }
  const actor = staff.data?.find((member) => member.id === session.data?.actor.staffId);

  return (
    <div className="app" key={localeKey}>
      <StatusBanner />
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◐
          </span>
          <span className="brand-name">{t('caredesk')}</span>
          <span className="shop-name">{settings.data?.shopName}</span>
        </div>
        <nav className="screens" aria-label={t('screens')}>
          {screens.map((screen) => (
            <NavButton key={screen.id} className="nav-button" current={desk.screen === screen.id} onClick={() => desk.setScreen(screen.id)}>
              {t(screen.label)}
              {screen.id === 'messages' ? <MessagesBadge /> : null}
            </NavButton>
          ))}
          <NumbersNavButton />
        </nav>
        <GlobalSearch inputRef={searchRef} />
        <button
          type="button"
          className="button actor"
          onClick={() => desk.openDialog({ kind: 'staffSwitch' })}
          data-testid="actor-button"
        >
          <span className="muted">{t('atTheDesk')}</span>{' '}
          {session.data.actor.staffId === null ? t('nobodyChoose') : (actor?.name ?? '…')}
        </button>
      </header>
      {desk.screen === 'day' ? (
        <div className="day-toolbar">
          <PressedChoices
            segmented
            label={t('show')}
            choices={[
              { value: 'day', label: t('day') },
              { value: 'week', label: t('week') },
            ]}
            value={desk.span}
            onChoose={desk.setSpan}
          />
          <DateNav zone={zone} />
          <div className="toolbar-actions">
            <button
              type="button"
              className="button"
              disabled={date === null}
              title={t('printTheDayOrSave')}
              onClick={() => date && desk.openDialog({ kind: 'print', date })}
            >
              {t('printDay')}
            </button>
            {desk.span === 'day' && date === todayIn(zone, Date.now()) ? (
              <BookingChangeButton
                className="button"
                locked={locked}
                aria-expanded={addingWalkIn}
                hint={t('aClientWithoutABooking')}
                onClick={() => setAddingWalkIn(true)}
              >
                {t('walkIn')}
              </BookingChangeButton>
            ) : null}
            <BookingChangeButton
              className="button"
              locked={locked}
              hint={t('blockTimeOnAStaff')}
              onClick={() => desk.openDialog({ kind: 'block', ...(date ? { date } : {}) })}
            >
              {t('blockTime')}
            </BookingChangeButton>
            <BookingChangeButton
              className="button primary"
              locked={locked}
              hint={t('newAppointmentN')}
              onClick={() => desk.openDialog({ kind: 'new', ...(date ? { date } : {}) })}
            >
              {t('newAppointment')}<kbd>{t('n')}</kbd>
            </BookingChangeButton>
          </div>
        </div>
      ) : null}
      {desk.screen === 'day' && desk.span === 'day' && date === todayIn(zone, Date.now()) ? (
        <WalkInBar zone={zone} adding={addingWalkIn} onAdding={setAddingWalkIn} />
      ) : null}
      <main className={`main${drawerOpen ? ' with-drawer' : ''}`}>
        {desk.screen === 'day' && desk.span === 'day' ? <DayView /> : null}
        {desk.screen === 'day' && desk.span === 'week' ? <WeekView /> : null}
        {desk.screen === 'activity' ? <ActivityScreen /> : null}
        {desk.screen === 'clients' ? <ClientsScreen /> : null}
        {desk.screen === 'waitlist' ? <WaitlistScreen /> : null}
        {desk.screen === 'messages' ? <MessagesScreen /> : null}
        {desk.screen === 'stock' ? <StockScreen /> : null}
        {desk.screen === 'numbers' ? <DashboardScreen /> : null}
        {desk.screen === 'settings' ? <SettingsScreen /> : null}
        {desk.screen === 'recovery' ? <RecoveryScreen /> : null}
        {selected && desk.screen === 'day' && desk.span === 'day' ? <Drawer appointment={selected} zone={zone} /> : null}
        {selectedBlock && selectedBlockColumn && desk.screen === 'day' && desk.span === 'day' ? (
          <BlockDrawer block={selectedBlock} staffName={selectedBlockColumn.name} zone={zone} />
        ) : null}
      </main>
      <PendingTray />
      <Toasts />
      {desk.dialog?.kind === 'new' ? (
        <AppointmentDialog
          mode="new"
          {...(desk.dialog.staffId ? { staffId: desk.dialog.staffId } : {})}
          {...(desk.dialog.startsAt ? { startsAt: desk.dialog.startsAt } : {})}
          {...(desk.dialog.date ? { date: desk.dialog.date } : {})}
        />
      ) : null}
      {desk.dialog?.kind === 'reschedule' && dialogAppointment ? (
        <AppointmentDialog
          mode="reschedule"
          appointment={dialogAppointment}
          {...(desk.dialog.staffId ? { staffId: desk.dialog.staffId } : {})}
          {...(desk.dialog.startsAt ? { startsAt: desk.dialog.startsAt } : {})}
        />
      ) : null}
      {desk.dialog?.kind === 'cancel' && dialogAppointment ? (
        <CancelDialog appointment={dialogAppointment} zone={zone} />
      ) : null}
      {desk.dialog?.kind === 'staffSwitch' ? <StaffSwitch /> : null}
      {desk.dialog?.kind === 'print' ? <PrintDialog date={desk.dialog.date} /> : null}
      {desk.dialog?.kind === 'block' ? (
        <BlockDialog
          {...(desk.dialog.staffId ? { staffId: desk.dialog.staffId } : {})}
          {...(desk.dialog.startsAt ? { startsAt: desk.dialog.startsAt } : {})}
          {...(desk.dialog.date ? { date: desk.dialog.date } : {})}
        />
      ) : null}
    </div>
  );
}
