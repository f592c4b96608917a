import { postgresBackend } from '../server/helpers';
import { runContractOnServer } from './server-store';

runContractOnServer('PostgreSQL', postgresBackend);
