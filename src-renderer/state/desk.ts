import { create } from 'zustand';
import type { Envelope } from '../api/errors';
import type { CommandResult, UndoGroup } from '../api/commands';

export const screenNames = ['day', 'activity', 'clients', 'waitlist', 'messages', 'stock', 'numbers', 'settings', 'recovery'] as const;
export type Screen = (typeof screenNames)[number];
export const isScreen = (screen: string): screen is Screen => (screenNames as readonly string[]).includes(screen);
/** The schedule screen shows one day or the week holding the date. */
export type Span = 'day' | 'week';
/** The week: one staff member's seven days, or the whole team compact. */
export type WeekMode = 'staff' | 'team';

export type Dialog =
  | { kind: 'new'; staffId?: string; startsAt?: number; date?: string }
  | { kind: 'reschedule'; appointmentId: string; staffId?: string; startsAt?: number }
  | { kind: 'cancel'; appointmentId: string }
  | { kind: 'staffSwitch' }
  | { kind: 'print'; date: string }
  | { kind: 'block'; staffId?: string; startsAt?: number; date?: string }
  | null;

/** A card drawn for a booking that is not saved yet (in flight or failed): never "Confirmed". */
export interface Ghost {
  date: string;
  staffId: string;
  startsAt: number;
  endsAt: number;
  clientName: string;
  serviceName: string;
}

/** One change the person asked for that has not been saved: in flight, or failed and waiting for Retry. */
export interface Intent {
  id: string;
  label: string;
  entityId?: string;
  ghost?: Ghost;
  status: 'saving' | 'failed';
  error?: Envelope;
  startedAt: number;
  run: () => Promise<CommandResult>;
  undoGroup?: UndoGroup;
  successMessage: string;
  /** The key of the command that failed, once it is kept by CareDesk (the Recovery Center lists it from there). */
  idempotencyKey?: string;
}

export interface UndoTarget {
  group: UndoGroup;
  id: string;
  version: number;
  eventId: string;
}

export interface Toast {
  id: string;
  message: string;
  tone: 'success' | 'error' | 'info';
  undo?: UndoTarget;
  expiresAt: number;
  /**
   * Failures shown before this message that nobody dismissed yet: a later message replaces the
   * toast, never a failure (the desk promises failures are not hidden), so they stay beside it.
   */
  earlierFailures: { id: string; message: string; expiresAt: number }[];
}

/**
 * One toast at a time: the newest message (with its Undo) replaces the one before; an unread
 * failure it would have hidden is carried along with it until it is dismissed or expires.
 */
export function nextToast(current: Toast | undefined, incoming: Omit<Toast, 'earlierFailures'>, now: number): Toast {
  const carried = current === undefined ? [] : current.earlierFailures.filter((failure) => failure.expiresAt > now);
  if (current !== undefined && current.tone === 'error' && current.expiresAt > now)
    carried.push({ id: current.id, message: current.message, expiresAt: current.expiresAt });
  // The same failure twice is one failure.
  const earlierFailures = carried.filter(
    (failure, index, list) =>
      !(incoming.tone === 'error' && failure.message === incoming.message) && list.findIndex((other) => other.message === failure.message) === index,
  );
  return { ...incoming, earlierFailures };
}

/** The toast once its expired parts are gone (the toast itself when the message and every carried failure expired). */
export function expiredToast(toast: Toast, now: number): Toast | null {
  const earlierFailures = toast.earlierFailures.filter((failure) => failure.expiresAt > now);
  if (toast.expiresAt <= now && earlierFailures.length === 0) return null;
  return earlierFailures.length === toast.earlierFailures.length ? toast : { ...toast, earlierFailures };
}

export const UNDO_WINDOW_MS = 60_000;

interface DeskState {
  screen: Screen;
  date: string | null;
  selectedAppointmentId: string | null;
  /** The blocked time whose drawer is open (one drawer at a time: choosing one closes the other). */
  selectedBlockId: string | null;
  dialog: Dialog;
  clientId: string | null;
  intents: Intent[];
  /** At most one: the newest message (see nextToast). */
  toasts: Toast[];
  lastUndo: (UndoTarget & { expiresAt: number; label: string }) | null;
  trayOpen: boolean;
  span: Span;
  weekMode: WeekMode;
  weekStaffId: string | null;
  /** Cancelled cards are folded away unless the person asks to see them. */
  showCancelled: boolean;
  setSpan(span: Span): void;
  setWeekMode(mode: WeekMode, staffId?: string | null): void;
  setShowCancelled(show: boolean): void;
  setScreen(screen: Screen): void;
  setDate(date: string): void;
  select(id: string | null): void;
  selectBlock(id: string | null): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  openClient(id: string | null): void;
  upsertIntent(intent: Intent): void;
  patchIntent(id: string, patch: Partial<Intent>): void;
  removeIntent(id: string): void;
  pushToast(toast: Omit<Toast, 'id' | 'expiresAt' | 'earlierFailures'> & { ttlMs?: number }): string;
  dismissToast(id: string): void;
  /** Drops what has expired of the toast (the ticker calls it every second). */
  expireToasts(now: number): void;
  setLastUndo(target: DeskState['lastUndo']): void;
  setTrayOpen(open: boolean): void;
}

export const useDesk = create<DeskState>((set) => ({
  screen: 'day',
  date: null,
  selectedAppointmentId: null,
  selectedBlockId: null,
  dialog: null,
  clientId: null,
  intents: [],
  toasts: [],
  lastUndo: null,
  trayOpen: false,
  span: 'day',
  weekMode: 'team',
  weekStaffId: null,
  showCancelled: false,
  setSpan: (span) => set({ span }),
  setWeekMode: (weekMode, staffId) => set(staffId === undefined ? { weekMode } : { weekMode, weekStaffId: staffId }),
  setShowCancelled: (showCancelled) => set({ showCancelled }),
  setScreen: (screen) => set({ screen }),
  setDate: (date) => set({ date }),
  select: (selectedAppointmentId) => set({ selectedAppointmentId, selectedBlockId: null }),
  selectBlock: (selectedBlockId) => set({ selectedBlockId, selectedAppointmentId: null }),
  openDialog: (dialog) => set({ dialog }),
  closeDialog: () => set({ dialog: null }),
  openClient: (clientId) => set({ clientId, screen: 'clients' }),
  upsertIntent: (intent) =>
    set((state) => ({ intents: [...state.intents.filter((item) => item.id !== intent.id), intent] })),
  patchIntent: (id, patch) =>
    set((state) => ({ intents: state.intents.map((item) => (item.id === id ? { ...item, ...patch } : item)) })),
  removeIntent: (id) => set((state) => ({ intents: state.intents.filter((item) => item.id !== id) })),
  pushToast: (toast) => {
    const id = crypto.randomUUID();
    const ttl = toast.ttlMs ?? (toast.undo ? UNDO_WINDOW_MS : toast.tone === 'error' ? 15_000 : 6_000);
    const now = Date.now();
    set((state) => ({
      toasts: [nextToast(state.toasts.at(-1), { id, message: toast.message, tone: toast.tone, undo: toast.undo, expiresAt: now + ttl }, now)],
    }));
    return id;
  },
  // Dismissing the toast dismisses what it shows: its message and the failures it carries.
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
  expireToasts: (now) =>
    set((state) => ({ toasts: state.toasts.map((toast) => expiredToast(toast, now)).filter((toast): toast is Toast => toast !== null) })),
  setLastUndo: (lastUndo) => set({ lastUndo }),
  setTrayOpen: (trayOpen) => set({ trayOpen }),
}));
