import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller, CallerLimits } from '../config';
import type { GatewayContext } from '../gateway-context';
import { actualCost, estimateCost } from './cost';
import { COST_TABLE, CostTable } from './cost-table';
import { Lane } from './lane';
import { LimitExceededError } from './limit-error';

const whom = (caller: Caller) => (caller === 'anonymous' ? 'anonymous callers' : `the role ${caller}`);

/**
 * Demand control: prices the resolved operation before any subgraph is called and refuses it
 * over the caller's budget (QUERY_TOO_EXPENSIVE, HTTP 400, with `estimated` and `max`); an
 * accepted operation estimated at `costly.cost` or more waits for a turn in the costly lane
 * (within its deadline) before it runs; an accepted response carries
 * `extensions.cost = { estimated, actual, limit }`.
 */
export const costPlugin = (
  callers: Record<Caller, CallerLimits>,
  costly: { cost: number; lane: Lane; resolversInFlight: number } = { cost: Infinity, lane: new Lane(0), resolversInFlight: 0 },
  table: CostTable = COST_TABLE,
): ApolloServerPlugin<GatewayContext> => ({
  async requestDidStart() {
    return {
      async didResolveOperation(rc) {
        const ctx = rc.contextValue;
        if (!rc.operation) return;
        const limit = callers[ctx.caller].maxCost;
        const estimated = Math.ceil(estimateCost(rc.schema, rc.document, rc.operation, rc.request.variables, table));
        ctx.operation.cost = { estimated, limit };
        if (limit > 0 && estimated > limit) {
          const error = new LimitExceededError(
            'QUERY_TOO_EXPENSIVE',
            `Query cost ${Number.isFinite(estimated) ? estimated : 'beyond any limit'} exceeds the maximum of ${limit} for ${whom(ctx.caller)}.`,
            limit,
            rc.operation,
            { estimated: Number.isFinite(estimated) ? estimated : Number.MAX_SAFE_INTEGER },
          );
          error.extensions['http'] = { status: 400 };
          throw error;
        }
        if (estimated >= costly.cost) {
          if (costly.resolversInFlight > 0) ctx.operation.resolversInFlight = costly.resolversInFlight;
          if (costly.lane.size > 0) {
            const asked = performance.now();
            ctx.operation.releaseTurn = await costly.lane.acquire(ctx.signal);
            ctx.operation.waitedMs = Math.round(performance.now() - asked);
          }
        }
      },
      async willSendResponse(rc) {
        rc.contextValue.operation.releaseTurn?.();
        const cost = rc.contextValue.operation.cost;
        if (!cost || rc.response.body.kind !== 'single' || !rc.operation || !rc.document) return;
        const result = rc.response.body.singleResult;
        if (result.errors?.some((e) => e.extensions?.['code'] === 'QUERY_TOO_EXPENSIVE')) return;
        const actual = actualCost(rc.schema, rc.document, rc.operation, result.data as Record<string, unknown> | null, table);
        result.extensions = { ...result.extensions, cost: { estimated: cost.estimated, actual, limit: cost.limit } };
      },
    };
  },
});
