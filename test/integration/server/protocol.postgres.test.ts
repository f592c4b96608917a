import { defineProtocolSuite } from './protocol-suite';
import { postgresBackend } from './helpers';

defineProtocolSuite('PostgreSQL', postgresBackend, { raceDevices: 50, raceSlots: 20, fuzzRuns: { push: 700, pull: 400 } });
