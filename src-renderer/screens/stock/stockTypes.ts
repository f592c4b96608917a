import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src-main/api/appRouter';

export type ProductRow = inferRouterOutputs<AppRouter>['stock']['list'][number];
export type MovementLine = inferRouterOutputs<AppRouter>['stock']['history'][number];
