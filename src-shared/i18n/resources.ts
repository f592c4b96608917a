import enActivity from './locales/en/activity.json';
import enApp from './locales/en/app.json';
import enAttention from './locales/en/attention.json';
import enBackups from './locales/en/backups.json';
import enBooking from './locales/en/booking.json';
import enClients from './locales/en/clients.json';
import enCommon from './locales/en/common.json';
import enComponents from './locales/en/components.json';
import enDashboard from './locales/en/dashboard.json';
import enDay from './locales/en/day.json';
import enDrawer from './locales/en/drawer.json';
import enErasure from './locales/en/erasure.json';
import enFormat from './locales/en/format.json';
import enForms from './locales/en/forms.json';
import enImport from './locales/en/import.json';
import enMessages from './locales/en/messages.json';
import enMessagesScreen from './locales/en/messages-screen.json';
import enPrint from './locales/en/print.json';
import enProgress from './locales/en/progress.json';
import enRecovery from './locales/en/recovery.json';
import enSettings from './locales/en/settings.json';
import enSettingsLocale from './locales/en/settings-locale.json';
import enSetup from './locales/en/setup.json';
import enStock from './locales/en/stock.json';
import enSync from './locales/en/sync.json';
import enWaitlist from './locales/en/waitlist.json';
import enWalkins from './locales/en/walkins.json';
import enWeek from './locales/en/week.json';
import esActivity from './locales/es/activity.json';
import esApp from './locales/es/app.json';
import esAttention from './locales/es/attention.json';
import esBackups from './locales/es/backups.json';
import esBooking from './locales/es/booking.json';
import esClients from './locales/es/clients.json';
import esCommon from './locales/es/common.json';
import esComponents from './locales/es/components.json';
import esDashboard from './locales/es/dashboard.json';
import esDay from './locales/es/day.json';
import esDrawer from './locales/es/drawer.json';
import esErasure from './locales/es/erasure.json';
import esFormat from './locales/es/format.json';
import esForms from './locales/es/forms.json';
import esImport from './locales/es/import.json';
import esMessages from './locales/es/messages.json';
import esMessagesScreen from './locales/es/messages-screen.json';
import esPrint from './locales/es/print.json';
import esProgress from './locales/es/progress.json';
import esRecovery from './locales/es/recovery.json';
import esSettings from './locales/es/settings.json';
import esSettingsLocale from './locales/es/settings-locale.json';
import esSetup from './locales/es/setup.json';
import esStock from './locales/es/stock.json';
import esSync from './locales/es/sync.json';
import esWaitlist from './locales/es/waitlist.json';
import esWalkins from './locales/es/walkins.json';
import esWeek from './locales/es/week.json';

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
    format: enFormat,
    forms: enForms,
    import: enImport,
    messages: enMessages,
    'messages-screen': enMessagesScreen,
    print: enPrint,
    progress: enProgress,
    recovery: enRecovery,
    settings: enSettings,
    'settings-locale': enSettingsLocale,
    setup: enSetup,
    stock: enStock,
    sync: enSync,
    waitlist: enWaitlist,
    walkins: enWalkins,
    week: enWeek,
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
    format: esFormat,
    forms: esForms,
    import: esImport,
    messages: esMessages,
    'messages-screen': esMessagesScreen,
    print: esPrint,
    progress: esProgress,
    recovery: esRecovery,
    settings: esSettings,
    'settings-locale': esSettingsLocale,
    setup: esSetup,
    stock: esStock,
    sync: esSync,
    waitlist: esWaitlist,
    walkins: esWalkins,
    week: esWeek,
  },
} as const;

export type Namespace = keyof (typeof resources)['en'];
