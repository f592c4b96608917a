import type { ParseKeys } from 'i18next';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EARLIEST_DATE, EARLIEST_INSTANT, formatLocalDateTime, isSupportedDate, LATEST_DATE, LATEST_INSTANT, localDayRange, todayIn } from '../../src-shared/time';
import { activityDetails, activitySentence } from '../activityWording';
import { client } from '../api/client';
import { useLookup, useSession, useStaff } from '../api/hooks';
import { QueryError } from '../components/QueryError';
import { eventTypeLabels } from '../format';
import { TableHead } from '../components/TableHead';
import { StaffSelect } from '../components/StaffSelect';
import { useT } from '../i18n';
import { DateField } from '../components/DateTimeFields';

const entityLabels: Record<string, ParseKeys<'activity'>> = {
  appointment: 'appointments',
  client: 'clients',
  staff: 'staff',
  service: 'services',
  settings: 'shopSettings',
};

/** A shop-local day as an activity filter; the first and last days of the supported years end at its limits. */
function dayFilter(day: string, zone: string): { from: number; to: number } {
  const { start, end } = localDayRange(day, zone);
  return { from: Math.max(EARLIEST_INSTANT, start), to: Math.min(LATEST_INSTANT, end) };
}

/** The whole shop's activity, newest first, with filters by who, what, record type and day. */
export function ActivityScreen() {
  const { t } = useT('activity');
  const staff = useStaff().data ?? [];
  const lookup = useLookup();
  const meId = useSession().data?.actor.staffId ?? null;
  const [actor, setActor] = useState('');
  const [type, setType] = useState('');
  const [entityType, setEntityType] = useState('');
  const [day, setDay] = useState('');
  const filters = {
    ...(actor ? { actorStaffId: actor } : {}),
    ...(type ? { type } : {}),
    ...(entityType ? { entityType: entityType as 'appointment' } : {}),
    ...(isSupportedDate(day) ? dayFilter(day, lookup.zone) : {}),
  };
  const query = useInfiniteQuery({
    queryKey: ['activity', filters],
    queryFn: ({ pageParam }) => client.activity.list.query({ ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const names = Object.assign({}, ...(query.data?.pages.map((page) => page.names) ?? [])) as Record<string, string>;
  const context = { meId, names, lookup, today: todayIn(lookup.zone, Date.now()) };
  return (
    <section className="screen" aria-labelledby="activity-title">
      <h1 id="activity-title">{t('activity')}</h1>
      <p className="muted">{t('everyChangeInTheShop')}</p>
      <form className="filters" aria-label={t('filters')} onSubmit={(event) => event.preventDefault()}>
        <StaffSelect label={t('who')} anyone={t('everyone')} value={actor} onChange={setActor} staff={staff} />
        <ChoiceFilter label={t('records')} value={entityType} onChange={setEntityType} anyLabel={t('allRecords')} choices={Object.fromEntries(Object.entries(entityLabels).map(([entity, label]) => [entity, t(label)]))} />
        <ChoiceFilter label={t('what')} value={type} onChange={setType} anyLabel={t('anyChange')} choices={eventTypeLabels} />
        <label>
          {t('day')}
          <DateField value={day} min={EARLIEST_DATE} max={LATEST_DATE} onChange={setDay} />
        </label>
        {actor || type || entityType || day ? (
          <button
            type="button"
            className="button ghost"
            onClick={() => {
              setActor('');
              setType('');
              setEntityType('');
              setDay('');
            }}
          >
            {t('clearFilters')}
          </button>
        ) : null}
      </form>
      {query.isError ? <QueryError error={query.error} /> : null}
      <table className="table" data-testid="activity-table">
        <caption className="sr-only">{t('shopActivityNewestFirst')}</caption>
        <TableHead columns={[t('when'), t('what'), t('details')]} />
        <tbody>
          {items.map((item) => {
            const details = activityDetails(item, context);
            return (
              <tr key={item.id}>
                <td className="nowrap">{formatLocalDateTime(item.at, lookup.zone)}</td>
                <td>
                  {activitySentence(item, context)}
                  <span className="muted"> · {eventTypeLabels[item.type] ?? item.type}</span>
                </td>
                <td>
                  {details.slice(0, 3).map((detail) => (
                    <span key={detail} className="change-inline">
                      {detail}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {items.length === 0 && !query.isLoading ? <p className="muted">{t('noChangesMatchTheseFilters')}</p> : null}
      {query.hasNextPage ? (
        <button type="button" className="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('showOlderChanges')}
        </button>
      ) : null}
    </section>
  );
}

/** A filter that is either "any" or one of a table of choices (value → words). */
function ChoiceFilter(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  anyLabel: string;
  choices: Record<string, string>;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{props.anyLabel}</option>
        {Object.entries(props.choices).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
