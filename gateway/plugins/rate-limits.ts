/**
 * Limits per caller at the gateway, so one caller cannot take the gateway from everyone else.
 * Two measures, each counted per token subject and per client address:
 *
 * - **In flight**: at most RATE_LIMIT_CONCURRENCY requests of one subject at once (six, as many
 *   connections as a browser opens to one host), and RATE_LIMIT_ADDRESS_CONCURRENCY of everyone
 *   behind one address (a service hall's officers share one).
 * - **Cost per minute**: each operation spends its query cost — the cost the query-limits plugin
 *   measures (gateway/plugins/limits.ts, `operationCost`: the same function, the same list
 *   sizes) — from a bucket of RATE_LIMIT_PER_MINUTE that refills evenly over a minute (and
 *   RATE_LIMIT_ADDRESS_PER_MINUTE per address). A heavy operation spends more than a light one.
 *
 * An anonymous caller's subject is its address. The platform services listed in lib/services.ts
 * (the loan worker) have their own, larger limits (RATE_LIMIT_SERVICE_*) instead of both, so the
 * platform's own work never starves behind the callers it serves. 0 switches a limit off.
 *
 * Over a limit is 429 RATE_LIMITED with Retry-After, before anything runs: in flight and an empty
 * bucket are refused when the request arrives, before Apollo parses it; an operation costing more
 * than the bucket holds is refused once its cost is known, after the query limits and before the
 * gateway plans or calls anyone. Counts are in memory, or shared by every gateway instance
 * through Redis when REDIS_URL is set (lib/redis-rate-limits.ts).
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { Kind, type FragmentDefinitionNode } from 'graphql';
import type { Actor } from '../../lib/actor';
import { RequestRefused } from '../../lib/apollo-http';
import type { Config } from '../../lib/config';
import type { Logger } from '../../lib/logger';
import type { BudgetLimit, RateLimitStore, Refusal, SlotLimit } from '../../lib/rate-limit-store';
import { SERVICE_POWERS } from '../../lib/services';
import { operationCost } from './limits';
import type { GatewayFeature } from '../feature';
import type { ClientOrigin } from './client-address';

export const RATE_LIMITED_HTTP_STATUS = 429;

/** Whose limits a request counts against. */
export type CallerKind = 'service' | 'subject' | 'anonymous';

export interface CallerKeys {
  kind: CallerKind;
  slots: SlotLimit[];
  budgets: BudgetLimit[];
}

/** Keys hold no identifier in the clear (a subject, an address): counts may sit in a shared Redis. */
function keyOf(kind: string, value: string): string {
  return `${kind}:${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
}

/** Platform services with powers in lib/services.ts; any other SERVICE token is an ordinary subject. */
export function isListedService(actor: Actor): boolean {
  return actor.role === 'SERVICE' && Object.prototype.hasOwnProperty.call(SERVICE_POWERS, actor.subject);
}

/** The slots and buckets a request takes, per the limits in force (0 = none). */
export function callerKeysOf(actor: Actor, address: string, limits: Config['callerLimits']): CallerKeys {
  const slots: SlotLimit[] = [];
  const budgets: BudgetLimit[] = [];
  const count = (key: string, concurrency: number, perMinute: number) => {
    if (concurrency > 0) slots.push({ key, limit: concurrency });
    if (perMinute > 0) budgets.push({ key, perMinute });
  };
  if (isListedService(actor)) {
    count(keyOf('service', actor.subject), limits.serviceConcurrency, limits.servicePerMinute);
    return { kind: 'service', slots, budgets };
  }
  const kind: CallerKind = actor.role === 'ANONYMOUS' ? 'anonymous' : 'subject';
  count(kind === 'anonymous' ? keyOf('anonymous', address) : keyOf('subject', `${actor.role}:${actor.subject}`), limits.concurrency, limits.perMinute);
  count(keyOf('address', address), limits.addressConcurrency, limits.addressPerMinute);
  return { kind, slots, budgets };
}

/** What an admitted request still owes: its operation's cost, once known. */
interface Admission {
  keys: CallerKeys;
}
const ADMISSION = Symbol('caller limits admission');
type Admitted = { [ADMISSION]?: Admission };

export interface CallerLimits<TContext extends BaseContext> {
  /**
   * Admits a request (from its context factory, once the caller is known), or throws
   * RequestRefused 429: a slot of every limit is taken until the response ends.
   */
  admit(context: TContext, actor: Actor, address: string, response: http.ServerResponse): Promise<void>;
  /** Spends each admitted operation's cost, refusing with 429 when a bucket cannot cover it. */
  plugin: ApolloServerPlugin<TContext>;
}

export interface CallerLimitsOptions {
  limits: Config['callerLimits'];
  store: RateLimitStore;
  /** For `operationCost`: the same assumed list length as the query limits (resolveQueryLimits). */
  defaultListSize: number;
  logger: Logger;
}

/** A refused caller is logged once a minute per key, not once per request of a flood. */
const LOG_EVERY_MS = 60_000;

/**
 * A refusal is answered after this long. A client that retries the moment it is refused, as a
 * flood does, would otherwise turn cheap refusals into a flood of their own that keeps the event
 * loop busy for everyone; held, one connection costs a few refusals a second. A client that
 * honours Retry-After (at least a second) never notices.
 */
export const REFUSAL_DELAY_MS = 250;
/** Refusals held at once, at most; past that they are answered at once (a timer each is cheap, sockets are not). */
const MAX_HELD_REFUSALS = 1000;

export function callerLimits<TContext extends BaseContext>({ limits, store, defaultListSize, logger }: CallerLimitsOptions): CallerLimits<TContext> {
  const lastLogged = new Map<string, number>();
  const note = (refusal: Refusal, kind: CallerKind, reason: 'concurrency' | 'budget') => {
    const now = Date.now();
    if ((lastLogged.get(refusal.key) ?? 0) > now - LOG_EVERY_MS) return;
    if (lastLogged.size > 10_000) lastLogged.clear();
    lastLogged.set(refusal.key, now);
    logger.info('caller rate-limited', { key: refusal.key, kind, reason, retryAfterSeconds: refusal.retryAfterSeconds });
  };
  let held = 0;
  const hold = async () => {
    if (held >= MAX_HELD_REFUSALS) return;
    held += 1;
    await new Promise((resolve) => setTimeout(resolve, REFUSAL_DELAY_MS));
    held -= 1;
  };
  const who = (refusal: Refusal) => (refusal.key.startsWith('address:') ? 'this address' : 'this caller');
  const refused = (message: string, refusal: Refusal) =>
    new RequestRefused(RATE_LIMITED_HTTP_STATUS, 'RATE_LIMITED', message, { 'retry-after': String(refusal.retryAfterSeconds) });

  return {
    async admit(context, actor, address, response) {
      const keys = callerKeysOf(actor, address, limits);
      // An empty bucket refuses at the door: a flood past its budget costs no parsing.
      const looked = await store.spend(keys.budgets, 0, 1);
      if (!looked.ok) {
        note(looked, keys.kind, 'budget');
        await hold();
        throw refused(`The query-cost budget of ${who(looked)} is spent for now; retry after ${looked.retryAfterSeconds} s.`, looked);
      }
      const acquired = await store.acquire(keys.slots);
      if (!acquired.ok) {
        note(acquired, keys.kind, 'concurrency');
        await hold();
        throw refused(`Too many requests of ${who(acquired)} are in flight; retry after ${acquired.retryAfterSeconds} s.`, acquired);
      }
      // 'close' comes once the reply is sent or the connection is gone, whichever is first.
      response.once('close', acquired.release);
      (context as Admitted)[ADMISSION] = { keys };
    },

    plugin: {
      async requestDidStart() {
        return {
          // Runs once every didResolveOperation hook passed: an operation the query limits refuse is never charged.
          async responseForOperation({ contextValue, operation, document, schema, request }) {
            const admission = (contextValue as Admitted)[ADMISSION];
            if (!admission || admission.keys.budgets.length === 0) return null;
            const fragments = new Map<string, FragmentDefinitionNode>();
            for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
            const cost = operationCost(operation, { schema, lookup: (name) => fragments.get(name), variables: request.variables, defaultListSize });
            const spent = await store.spend(admission.keys.budgets, cost, cost);
            if (spent.ok) return null;
            note(spent, admission.keys.kind, 'budget');
            await hold();
            return {
              http: { status: RATE_LIMITED_HTTP_STATUS, headers: new HeaderMap([['retry-after', String(spent.retryAfterSeconds)]]) },
              body: {
                kind: 'single',
                singleResult: {
                  errors: [
                    {
                      message: `This operation costs ${cost}, more than the query-cost budget of ${who(spent)} holds now; retry after ${spent.retryAfterSeconds} s.`,
                      extensions: { code: 'RATE_LIMITED' },
                    },
                  ],
                },
              },
            };
          },
        };
      },
    },
  };
}

/**
 * Caller limits as a gateway feature: admission once the context is built (it carries the actor,
 * and the client's address from useClientAddress, so TRUSTED_PROXIES is read in one place), the
 * cost spent once the operation is known, and the store closed at stop.
 */
export function useCallerLimits<Context extends BaseContext & { actor: Actor; client: ClientOrigin }>(options: CallerLimitsOptions): GatewayFeature<Context> {
  const callers = callerLimits<Context>(options);
  return {
    name: 'caller-limits',
    plugins: [callers.plugin],
    admit: (context, _request, response) => callers.admit(context, context.actor, context.client.address, response),
    close: () => options.store.close(),
  };
}
