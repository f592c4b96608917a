import { useState } from 'react';
import { addDays, todayIn } from '../../src-shared/time';
import { client } from '../api/client';
import { useSettings } from '../api/hooks';
import { OutcomeNotice } from '../components/OutcomeNotice';
import { useReportedAttempt } from '../components/useAttempt';
import { useT } from '../i18n';

/** Settings → Records → Export (issue 15): clients, bookings and the activity log as CSV files a spreadsheet opens. */

function savedWording(saved: { saved: boolean; path: string | null }, what: string): string {
  return saved.saved ? `${what} saved to ${saved.path}.` : 'Export cancelled; nothing was written.';
}

function ExportButton(props: { busy: boolean; label: string; onClick: () => void }) {
  return (
    <button type="button" className="button" disabled={props.busy} onClick={props.onClick}>
      {props.label}
    </button>
  );
}

export function ExportsSection(props: { isOwner: boolean }) {
  const settings = useSettings().data;
  const today = todayIn(settings?.timeZone ?? 'UTC', Date.now());
  const [range, setRange] = useState({ from: addDays(today, -30), to: today });
  const { busy, error, setError, message, report } = useReportedAttempt();
  const { t } = useT('stock');
  const save = (what: string, work: () => Promise<{ saved: boolean; path: string | null }>) =>
    void report(async () => savedWording(await work(), what));

  if (!props.isOwner) {
    return (
      <section className="panel" aria-labelledby="exports-title">
        <h2 id="exports-title">Export</h2>
        <p className="muted">Only the owner can export the shop’s records (they hold every client’s details).</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="exports-title" data-testid="exports">
      <h2 id="exports-title">Export</h2>
      <p className="muted">CSV files open in any spreadsheet. The clients file opens back in CareDesk’s import.</p>
      <div className="row">
        <ExportButton
          busy={busy}
          label="Export clients"
          onClick={() => save('Clients', () => client.exports.clients.mutate({}))}
        />
        <ExportButton busy={busy} label={t('exports.levels')} onClick={() => save(t('exports.levels'), () => client.exports.stockLevels.mutate({}))} />
      </div>
      <fieldset className="row">
        <legend>Bookings and activity of these days</legend>
        <label>
          From
          <input
            type="date"
            value={range.from}
            onChange={(event) => setRange({ ...range, from: event.target.value })}
          />
        </label>
        <label>
          To
          <input type="date" value={range.to} onChange={(event) => setRange({ ...range, to: event.target.value })} />
        </label>
        <ExportButton
          busy={busy}
          label="Export bookings"
          onClick={() => save('Bookings', () => client.exports.appointments.mutate(range))}
        />
        <ExportButton
          busy={busy}
          label="Export activity log"
          onClick={() => save('Activity log', () => client.exports.activity.mutate(range))}
        />
        <ExportButton busy={busy} label={t('exports.movements')} onClick={() => save(t('exports.movements'), () => client.exports.stockMovements.mutate(range))} />
      </fieldset>
      <OutcomeNotice message={message} error={error} onDismiss={() => setError(null)} />
    </section>
  );
}
