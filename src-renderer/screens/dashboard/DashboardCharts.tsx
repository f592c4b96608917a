import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from '../settings/money';
import { formatShare } from '../../../src-shared/reports';
import { formatShortLocalDate } from '../../../src-shared/time';
import type { OwnerNumbers } from '../../api/types';
import { useT } from '../../i18n';

/**
 * The dashboard's charts (recharts), in a chunk of their own that loads with the screen: the
 * desk's other screens never pay for the chart library. Each chart has its figures beside it as
 * text (the screen's tables), so nothing is only a picture. Animation is off: the numbers show at once.
 */
const colours = { done: '#1e6b45', kept: '#1f5f8b', cancelled: '#b36b00', noShow: '#a3262e', retail: '#6b4fa0' };
const axis = { fontSize: 12, fill: '#5a6675' };

function ChartPanel(props: { title: string; children: React.ReactElement; height?: number }) {
  return (
    <figure className="chart-panel" aria-label={props.title}>
      <figcaption>{props.title}</figcaption>
      <ResponsiveContainer width="100%" height={props.height ?? 220}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}

export default function DashboardCharts({ numbers }: { numbers: OwnerNumbers }) {
  const { t } = useT('dashboard');
  const days = numbers.days.map((day) => ({
    label: formatShortLocalDate(day.date),
    done: day.completed,
    kept: day.bookings - day.completed - day.cancelled - day.noShows,
    cancelled: day.cancelled,
    noShow: day.noShows,
    services: day.serviceCents / 100,
    retail: day.retailCents / 100,
  }));
  const people = numbers.utilisation.map((row) => ({ name: row.name, share: Math.round((row.utilisation ?? 0) * 1000) / 10 }));
  const services = numbers.topServices.map((row) => ({ name: row.name, visits: row.visits }));
  const clients = [{ name: t('charts.clients'), newClients: numbers.clients.newClients, returning: numbers.clients.returningClients }];
  const barHeight = (count: number) => Math.max(120, 40 + count * 34);
  return (
    <div className="chart-grid">
      <ChartPanel title={t('charts.bookingsPerDay')}>
        <BarChart data={days} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid stroke="#eceff3" vertical={false} />
          <XAxis dataKey="label" tick={axis} minTickGap={16} />
          <YAxis allowDecimals={false} tick={axis} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="done" name={t('figures.completed')} stackId="day" fill={colours.done} isAnimationActive={false} />
          <Bar dataKey="kept" name={t('figures.notCheckedOut')} stackId="day" fill={colours.kept} isAnimationActive={false} />
          <Bar dataKey="cancelled" name={t('figures.cancelled')} stackId="day" fill={colours.cancelled} isAnimationActive={false} />
          <Bar dataKey="noShow" name={t('figures.noShows')} stackId="day" fill={colours.noShow} isAnimationActive={false} />
        </BarChart>
      </ChartPanel>
      <ChartPanel title={t('charts.takingsPerDay')}>
        <BarChart data={days} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="#eceff3" vertical={false} />
          <XAxis dataKey="label" tick={axis} minTickGap={16} />
          <YAxis tick={axis} tickFormatter={(pounds: number) => formatMoney(pounds * 100).replace(/\.00$/, '')} />
          <Tooltip formatter={(pounds) => formatMoney(Number(pounds) * 100)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="services" name={t('figures.serviceTakings')} stackId="money" fill={colours.kept} isAnimationActive={false} />
          <Bar dataKey="retail" name={t('figures.retailTakings')} stackId="money" fill={colours.retail} isAnimationActive={false} />
        </BarChart>
      </ChartPanel>
      <ChartPanel title={t('charts.utilisation')} height={barHeight(people.length)}>
        <BarChart data={people} layout="vertical" margin={{ top: 4, right: 24, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="#eceff3" horizontal={false} />
          <XAxis type="number" domain={[0, (top: number) => Math.max(100, Math.ceil(top / 10) * 10)]} tick={axis} tickFormatter={(share: number) => formatShare(share / 100, '—')} />
          <YAxis type="category" dataKey="name" tick={axis} width={110} />
          <Tooltip formatter={(share) => formatShare(Number(share) / 100, '—')} />
          <Bar dataKey="share" name={t('table.utilisation')} fill={colours.kept} isAnimationActive={false} />
        </BarChart>
      </ChartPanel>
      <ChartPanel title={t('charts.topServices')} height={barHeight(services.length)}>
        <BarChart data={services} layout="vertical" margin={{ top: 4, right: 24, left: 8, bottom: 0 }}>
          <CartesianGrid stroke="#eceff3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={axis} />
          <YAxis type="category" dataKey="name" tick={axis} width={110} />
          <Tooltip />
          <Bar dataKey="visits" name={t('table.visits')} fill={colours.done} isAnimationActive={false} />
        </BarChart>
      </ChartPanel>
      <ChartPanel title={t('charts.clients')} height={120}>
        <BarChart data={clients} layout="vertical" margin={{ top: 4, right: 24, left: 8, bottom: 0 }}>
          <XAxis type="number" allowDecimals={false} tick={axis} />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="newClients" name={t('figures.newClients')} stackId="clients" fill={colours.retail} isAnimationActive={false} />
          <Bar dataKey="returning" name={t('figures.returningClients')} stackId="clients" fill={colours.kept} isAnimationActive={false} />
        </BarChart>
      </ChartPanel>
    </div>
  );
}
