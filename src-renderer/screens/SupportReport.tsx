import { useState } from 'react';
import { client } from '../api/client';
import { envelopeOf, type Envelope } from '../api/errors';
import { useSession, useStaff } from '../api/hooks';
import { ErrorNotice } from '../components/ErrorNotice';
import { useT } from '../i18n';
import { CheckField } from '../components/CheckField';
import { Panel } from '../components/Panel';

/**
 * The support report, shown at the foot of the Recovery Center: copied to the clipboard or saved to a
 * file; client details stay out unless the owner includes them.
 */
export function SupportReport() {
  const { t } = useT('settings');
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
          report.redacted ? t('reportCopiedRedacted') : t('reportCopied'),
        );
      } catch {
        setNote(t('theClipboardIsNotAvailable'));
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
      setNote(saved.saved ? t('savedTheSupportReportTo', { path: saved.path }) : t('notSavedCancelled'));
    } catch (caught) {
      setError(envelopeOf(caught));
    }
  };
  return (
    <Panel titleId="support-title" title={t('supportReport')} intro={t('appAndDatabaseVersionThis')} testId="support-report">
      <CheckField
        label={<>{t('includeClientNamesPhonesAnd')}{isOwner ? '' : t('ownerOnly')}</>}
        checked={includeClientDetails}
        disabled={!isOwner}
        onChange={setInclude}
      />
      <div className="row">
        <button type="button" className="button" onClick={() => void copy()}>
          {t('copySupportReport')}
        </button>
        <button type="button" className="button" onClick={() => void save()}>
          {t('saveSupportReport')}
        </button>
      </div>
      {note ? <p role="status">{note}</p> : null}
      <ErrorNotice error={error} onDismiss={() => setError(null)} />
      {preview ? (
        <details>
          <summary>{t('showTheReport')}</summary>
          <pre className="report" data-testid="report-text" tabIndex={0} aria-label={t('supportReportText')}>
            {preview}
          </pre>
        </details>
      ) : null}
    </Panel>
  );
}
