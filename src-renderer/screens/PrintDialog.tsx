import { useState } from 'react';
import { formatLocalDate } from '../../src-shared/time';
import { keepPdf } from '../api/keepPdf';
import { client, transport } from '../api/client';
import { printTicket } from '../api/session';
import { EnvelopeError, envelopeOf } from '../api/errors';
import { useStaff } from '../api/hooks';
import { Dialog } from '../components/Dialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { useDesk } from '../state/desk';
import { useReportedAttempt } from '../components/useAttempt';
import { DoneNotice } from '../components/DoneNotice';
import { useT, screenT } from '../i18n';
import { CheckField } from '../components/CheckField';

/**
 * Print the day (all staff in columns, or one staff member as a list) or save it as a PDF
 * (issue 6). In Electron the main process opens the system print dialog and a save dialog; in
 * browser mode the printable page (print.dayHtml, served with its own CSP at /print/day.html)
 * is printed from a frame, and the PDF (print.dayPdf) is downloaded.
 */

interface PrintInput {
  date: string;
  staffId?: string;
  includeCancelled?: boolean;
}

function printPageUrl(input: PrintInput): string {
  const params = new URLSearchParams({ date: input.date });
  if (input.staffId) params.set('staffId', input.staffId);
  if (input.includeCancelled) params.set('includeCancelled', '1');
  return `/print/day.html?${params.toString()}`;
}

/** The printable page with a single-use ticket: a frame or a new tab cannot send the session key. */
async function printPageLink(input: PrintInput): Promise<string> {
  return `${printPageUrl(input)}&ticket=${encodeURIComponent(await printTicket())}`;
}

/** Loads the printable page in a hidden frame and opens the browser's print dialog for it. */
function printInFrame(url: string): Promise<void> {
  const t = screenT('print');
  return new Promise((resolve, reject) => {
    document.getElementById('print-frame')?.remove();
    const frame = document.createElement('iframe');
    frame.id = 'print-frame';
    frame.title = t('printableDaySchedule');
    frame.className = 'print-frame';
    frame.dataset.testid = 'print-frame';
    frame.onload = () => {
      try {
        const page = frame.contentWindow;
        if (!page || !page.document.body || page.document.body.innerText.trim() === '') throw new Error('empty');
        page.focus();
        page.print();
        resolve();
      } catch {
        reject(
          new EnvelopeError({
            code: 'INTERNAL_ERROR',
            message: t('thePrintablePageCouldNot'),
            retryable: true,
            requestId: 'none',
          }),
        );
      }
    };
    frame.src = url;
    document.body.appendChild(frame);
  });
}

export function PrintDialog(props: { date: string }) {
  const { t } = useT('print');
  const close = useDesk((state) => state.closeDialog);
  const staff = (useStaff().data ?? []).filter((member) => member.active);
  const [staffId, setStaffId] = useState('');
  const [includeCancelled, setIncludeCancelled] = useState(false);
  const { busy, error, setError, message: done, report } = useReportedAttempt();
  /** Which way of putting the day on paper was asked for last: its button says it is under way. */
  const [way, setWay] = useState<'print' | 'pdf'>('print');
  const input: PrintInput = {
    date: props.date,
    ...(staffId ? { staffId } : {}),
    ...(includeCancelled ? { includeCancelled: true } : {}),
  };
  const who = staffId ? (staff.find((member) => member.id === staffId)?.name ?? t('oneStaffMember')) : t('allStaff');

  /** Runs one way of putting the day on paper; `work` answers what happened, in the receptionist's words. */
  const run = (chosen: 'print' | 'pdf', work: () => Promise<string>) => {
    setWay(chosen);
    return report(work);
  };

  const print = () =>
    run('print', async () => {
      if (transport() === 'ipc') {
        const result = await client.print.printDay.mutate(input);
        return result.printed ? t('sentToThePrinter') : t('printingWasCancelledNothingWas');
      }
      await printInFrame(await printPageLink(input));
      return t('thePrintDialogOpenedFor', { who });
    });

  const savePdf = () =>
    run('pdf', async () => {
      const kept = await keepPdf({ save: () => client.print.savePdf.mutate(input), make: () => client.print.dayPdf.mutate(input) });
      if (kept.kind === 'saved') return t('saved', { path: kept.path });
      return kept.kind === 'notSaved' ? t('notSavedCancelled') : t('downloaded', { fileName: kept.fileName });
    });

  return (
    <Dialog title={t('printTheDay')} onClose={close}>
      <div className="form" data-testid="print-dialog">
        <p className="muted">
          {t('aPaperFriendlyPageWith', { localDate: formatLocalDate(props.date) })}
        </p>
        <div className="row">
          <label>
            {t('whoseSchedule')}
            <select value={staffId} onChange={(event) => setStaffId(event.target.value)}>
              <option value="">{t('allStaffColumns')}</option>
              {staff.map((member) => (
                <option key={member.id} value={member.id}>
                  {t('list', { name: member.name })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <CheckField label={t('includeCancelledAppointments')} checked={includeCancelled} onChange={setIncludeCancelled} />
        <ErrorNotice error={error} onDismiss={() => setError(null)} />
        <DoneNotice message={done} />
        <div className="dialog-actions">
          {transport() === 'http' ? (
            <button
              type="button"
              className="button ghost"
              onClick={() =>
                void printPageLink(input).then(
                  (link) => window.open(link, '_blank', 'noopener'),
                  (caught: unknown) => setError(envelopeOf(caught)),
                )
              }
            >
              {t('openThePrintablePage')}
            </button>
          ) : null}
          <button type="button" className="button" disabled={busy} onClick={() => void savePdf()}>
            {busy && way === 'pdf' ? t('makingThePdf') : t('saveAsPdf')}
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void print()}>
            {busy && way === 'print' ? t('opening') : t('print')}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
