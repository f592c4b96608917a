import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../src-main/api/appRouter';

export type Outputs = inferRouterOutputs<AppRouter>;
export type DayView = Outputs['appointments']['day'];
export type DayAppointment = DayView['appointments'][number];
export type WeekView = Outputs['appointments']['week'];
export type StaffMember = Outputs['staff']['list'][number];
export type ServiceRow = Outputs['services']['list'][number];
export type ClientRow = Outputs['clients']['search'][number];
export type HistoryEntry = Outputs['appointments']['history'][number];
export type ActivityItem = Outputs['activity']['list']['items'][number];
export type SystemStatus = Outputs['status']['get'];
export type Settings = NonNullable<Outputs['settings']['get']>;
export type SyncState = DayAppointment['syncState'];
export type OwnerNumbers = Outputs['reports']['ownerNumbers'];
