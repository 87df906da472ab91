/**
 * Every request names what it is for (X-Road asks the same of every message): `x-purpose`, and
 * `x-application-id` for the case it serves. A role's usual purpose applies when none is named;
 * consents are matched against it, so a purpose the caller did not consent to opens nothing.
 */
import type http from 'node:http';
import { PURPOSES, defaultPurposeOf, type Actor, type RequestPurpose } from '../../lib/actor';
import { RequestRefused } from '../../lib/apollo-http';
import { headerValue } from '../../lib/http';
import type { Purpose } from '../../storage/types';
import type { GatewayContext } from '../context';
import type { GatewayFeature } from '../feature';

const APPLICATION_ID_PATTERN = /^[A-Za-z0-9-]{6,64}$/;

export function requestPurposeOf(request: http.IncomingMessage, actor: Actor): RequestPurpose {
  const purpose = headerValue(request, 'x-purpose');
  if (purpose !== undefined && !PURPOSES.includes(purpose as Purpose)) {
    throw new RequestRefused(400, 'BAD_REQUEST', `x-purpose must be one of ${PURPOSES.join(', ')}.`);
  }
  const applicationId = headerValue(request, 'x-application-id');
  if (applicationId !== undefined && !APPLICATION_ID_PATTERN.test(applicationId)) {
    throw new RequestRefused(400, 'BAD_REQUEST', 'x-application-id must be 6–64 letters, digits or hyphens.');
  }
  return { purpose: (purpose as Purpose | undefined) ?? defaultPurposeOf(actor.role), applicationId: applicationId ?? null };
}

/**
 * The request's purpose as a gateway feature: the context's `purpose` and `applicationId`. It has
 * no options (the purposes are lib/actor.ts's list); it needs the caller, whose role gives the
 * default purpose, so authentication is listed before it.
 */
export function usePurpose(): GatewayFeature<GatewayContext> {
  return {
    name: 'purpose',
    context: {
      provides: ['purpose', 'applicationId'],
      needs: ['actor'],
      build: (request, { actor }) => {
        // composeFeatures has checked that a feature before this one provides the actor.
        if (!actor) throw new Error('the purpose feature runs after authentication');
        return requestPurposeOf(request, actor);
      },
    },
  };
}
