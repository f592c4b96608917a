import enActivity from './locales/en/activity.json' with { type: 'json' };
import enApp from './locales/en/app.json' with { type: 'json' };
import enAttention from './locales/en/attention.json' with { type: 'json' };
import enBackups from './locales/en/backups.json' with { type: 'json' };
import enBooking from './locales/en/booking.json' with { type: 'json' };
import enClients from './locales/en/clients.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enComponents from './locales/en/components.json' with { type: 'json' };
import enDashboard from './locales/en/dashboard.json' with { type: 'json' };
import enDay from './locales/en/day.json' with { type: 'json' };
import enDrawer from './locales/en/drawer.json' with { type: 'json' };
import enErasure from './locales/en/erasure.json' with { type: 'json' };
import enErrors from './locales/en/errors.json' with { type: 'json' };
import enFormat from './locales/en/format.json' with { type: 'json' };
import enForms from './locales/en/forms.json' with { type: 'json' };
import enHistory from './locales/en/history.json' with { type: 'json' };
import enImport from './locales/en/import.json' with { type: 'json' };
import enMessages from './locales/en/messages.json' with { type: 'json' };
import enMenu from './locales/en/menu.json' with { type: 'json' };
import enMessagesScreen from './locales/en/messages-screen.json' with { type: 'json' };
import enPrint from './locales/en/print.json' with { type: 'json' };
import enProgress from './locales/en/progress.json' with { type: 'json' };
import enRecovery from './locales/en/recovery.json' with { type: 'json' };
import enRegistry from './locales/en/registry.json' with { type: 'json' };
import enSettings from './locales/en/settings.json' with { type: 'json' };
import enSettingsLocale from './locales/en/settings-locale.json' with { type: 'json' };
import enSetup from './locales/en/setup.json' with { type: 'json' };
import enStatus from './locales/en/status.json' with { type: 'json' };
import enStock from './locales/en/stock.json' with { type: 'json' };
import enSync from './locales/en/sync.json' with { type: 'json' };
import enWaitlist from './locales/en/waitlist.json' with { type: 'json' };
import enWalkins from './locales/en/walkins.json' with { type: 'json' };
import enWeek from './locales/en/week.json' with { type: 'json' };
import enWords from './locales/en/words.json' with { type: 'json' };
import esActivity from './locales/es/activity.json' with { type: 'json' };
import esApp from './locales/es/app.json' with { type: 'json' };
import esAttention from './locales/es/attention.json' with { type: 'json' };
import esBackups from './locales/es/backups.json' with { type: 'json' };
import esBooking from './locales/es/booking.json' with { type: 'json' };
import esClients from './locales/es/clients.json' with { type: 'json' };
import esCommon from './locales/es/common.json' with { type: 'json' };
import esComponents from './locales/es/components.json' with { type: 'json' };
import esDashboard from './locales/es/dashboard.json' with { type: 'json' };
import esDay from './locales/es/day.json' with { type: 'json' };
import esDrawer from './locales/es/drawer.json' with { type: 'json' };
import esErasure from './locales/es/erasure.json' with { type: 'json' };
import esErrors from './locales/es/errors.json' with { type: 'json' };
import esFormat from './locales/es/format.json' with { type: 'json' };
import esForms from './locales/es/forms.json' with { type: 'json' };
import esHistory from './locales/es/history.json' with { type: 'json' };
import esImport from './locales/es/import.json' with { type: 'json' };
import esMessages from './locales/es/messages.json' with { type: 'json' };
import esMenu from './locales/es/menu.json' with { type: 'json' };
import esMessagesScreen from './locales/es/messages-screen.json' with { type: 'json' };
import esPrint from './locales/es/print.json' with { type: 'json' };
import esProgress from './locales/es/progress.json' with { type: 'json' };
import esRecovery from './locales/es/recovery.json' with { type: 'json' };
import esRegistry from './locales/es/registry.json' with { type: 'json' };
import esSettings from './locales/es/settings.json' with { type: 'json' };
import esSettingsLocale from './locales/es/settings-locale.json' with { type: 'json' };
import esSetup from './locales/es/setup.json' with { type: 'json' };
import esStatus from './locales/es/status.json' with { type: 'json' };
import esStock from './locales/es/stock.json' with { type: 'json' };
import esSync from './locales/es/sync.json' with { type: 'json' };
import esWaitlist from './locales/es/waitlist.json' with { type: 'json' };
import esWalkins from './locales/es/walkins.json' with { type: 'json' };
import esWeek from './locales/es/week.json' with { type: 'json' };
import esWords from './locales/es/words.json' with { type: 'json' };

/**
 * Every message catalogue, by language and namespace. A namespace is one area of the product
 * (a screen group, the rules' words, the printout); each is one JSON file per language, and every
 * language has the same keys (test/unit/i18n/catalogues.test.ts).
 */
export const resources = {
  en: {
    activity: enActivity,
    app: enApp,
    attention: enAttention,
    backups: enBackups,
    booking: enBooking,
    clients: enClients,
    common: enCommon,
    components: enComponents,
    dashboard: enDashboard,
    day: enDay,
    drawer: enDrawer,
    erasure: enErasure,
    errors: enErrors,
    format: enFormat,
    forms: enForms,
    history: enHistory,
    import: enImport,
    menu: enMenu,
    messages: enMessages,
    'messages-screen': enMessagesScreen,
    print: enPrint,
    progress: enProgress,
    recovery: enRecovery,
    registry: enRegistry,
    settings: enSettings,
    'settings-locale': enSettingsLocale,
    setup: enSetup,
    status: enStatus,
    stock: enStock,
    sync: enSync,
    waitlist: enWaitlist,
    walkins: enWalkins,
    week: enWeek,
    words: enWords,
  },
  es: {
    activity: esActivity,
    app: esApp,
    attention: esAttention,
    backups: esBackups,
    booking: esBooking,
    clients: esClients,
    common: esCommon,
    components: esComponents,
    dashboard: esDashboard,
    day: esDay,
    drawer: esDrawer,
    erasure: esErasure,
    errors: esErrors,
    format: esFormat,
    forms: esForms,
    history: esHistory,
    import: esImport,
    menu: esMenu,
    messages: esMessages,
    'messages-screen': esMessagesScreen,
    print: esPrint,
    progress: esProgress,
    recovery: esRecovery,
    registry: esRegistry,
    settings: esSettings,
    'settings-locale': esSettingsLocale,
    setup: esSetup,
    status: esStatus,
    stock: esStock,
    sync: esSync,
    waitlist: esWaitlist,
    walkins: esWalkins,
    week: esWeek,
    words: esWords,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
