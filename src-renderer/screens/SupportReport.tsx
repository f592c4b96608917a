import { useState } from 'react';
import { client } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import { useSession, useStaff } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';

/**
 * The support report, shown at the foot of the Recovery Center: copied to the clipboard or saved to a
 * file; client details stay out unless the owner includes them.
 */
export function SupportReport() {
  const session = useSession().data;
  const staff = useStaff().data ?? [];
  const isOwner = staff.find((member) => member.id === session?.actor.staffId)?.role === 'owner';
  const [includeClientDetails, setInclude] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<Envelope | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const input = { includeClientDetails: includeClientDetails && isOwner };
  const copy = async () => {
    setError(null);
    setNote(null);
    try {
      const report = await client.support.report.query(input);
      setPreview(report.text);
      try {
        await navigator.clipboard.writeText(report.text);
        setNote(
          `The support report is on the clipboard${report.redacted ? ' (client names, phones and e-mails left out)' : ''}. Paste it into your message to support.`,
        );
      } catch {
        setNote('The clipboard is not available here. The report is shown below: select it and copy it by hand.');
      }
    } catch (caught) {
      setError(envelopeOf(caught));
    }
  };
  const save = async () => {
    setError(null);
    setNote(null);
    try {
      const saved = await client.support.save.mutate(input);
      setNote(saved.saved ? `Saved the support report to ${saved.path}.` : 'Not saved (cancelled).');
    } catch (caught) {
      setError(envelopeOf(caught));
    }
  };
  return (
    <section className="panel" aria-labelledby="support-title" data-testid="support-report">
      <h2 id="support-title">Support report</h2>
      <p className="muted">
        App and database version, this desk, the system checks, waiting and refused changes with their reference
        numbers, recent errors and events. Client names, phones and e-mails are left out unless the owner includes them.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={includeClientDetails}
          disabled={!isOwner}
          onChange={(event) => setInclude(event.target.checked)}
        />
        Include client names, phones and e-mails{isOwner ? '' : ' (owner only)'}
      </label>
      <div className="row">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy support report
        </button>
        <button type="button" className="button" onClick={() => void save()}>
          Save support report
        </button>
      </div>
      {note ? <p role="status">{note}</p> : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {preview ? (
        <details>
          <summary>Show the report</summary>
          <pre className="report" data-testid="report-text" tabIndex={0} aria-label="Support report text">
            {preview}
          </pre>
        </details>
      ) : null}
    </section>
  );
}
