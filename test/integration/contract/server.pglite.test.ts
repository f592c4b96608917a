import { pgliteTempBackend } from '../server/helpers';
import { runContractOnServer } from './server-store';

// One PGlite data directory for the whole file: creating one costs seconds.
runContractOnServer('PGlite', () => pgliteTempBackend('caredesk-contract-pglite'));
