import { envelopeOf } from '../api/errors';
import { ErrorNotice } from './ErrorNotice';

export function QueryError(props: { error: unknown }) {
  return <ErrorNotice error={envelopeOf(props.error)} />;
}
