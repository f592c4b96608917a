import { defineProtocolSuite } from './protocol-suite';
import { pgliteTempBackend } from './helpers';

// One PGlite data directory for the whole file: creating one costs seconds and ~1 GB.
defineProtocolSuite(
  'PGlite',
  () => pgliteTempBackend('caredesk-pglite'),
  { raceDevices: 10, raceSlots: 5, fuzzRuns: { push: 700, pull: 400 } },
);
