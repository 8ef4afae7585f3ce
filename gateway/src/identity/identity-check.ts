import { randomUUID } from 'node:crypto';
import { AuthenticationError, INTERNAL_CONTEXT_HEADER, InternalContextSigner, UserClaims } from '@mms/auth';
import { identityContradiction, IdentityFacts, identityQuestions } from './identity-rule';

/** A verified token whose claims the directory contradicts: sign in again for a token that fits. */
export class IdentityMismatchError extends AuthenticationError {
  constructor(reason: string) {
    super(`The token's claims do not match the directory: ${reason}. Sign in again.`);
  }
}

/** The directory did not answer: the claims cannot be confirmed now (503, never a guess). */
export class IdentityCheckUnavailable extends Error {
  readonly status = 503;
  readonly code = 'IDENTITY_CHECK_UNAVAILABLE';
}

/** The gateway's own identity towards the directory: reads placements across municipalities, writes nothing. */
const CHECKER: UserClaims = {
  subject: 'system:gateway-identity-check',
  role: 'regional_operator',
  municipalityId: null,
  organizationId: null,
  educatorId: null,
};

const QUERY = /* GraphQL */ `
  query GatewayIdentityCheck($m: ID!, $o: ID!, $e: ID!, $withMunicipality: Boolean!, $withOrganization: Boolean!, $withEducator: Boolean!) {
    municipality(id: $m) @include(if: $withMunicipality) {
      id
    }
    organization(id: $o) @include(if: $withOrganization) {
      id
      status
      municipality {
        id
      }
    }
    educator(id: $e) @include(if: $withEducator) {
      id
      status
      municipality {
        id
      }
      organization {
        id
      }
    }
  }
`;

interface Answer {
  municipality?: { id: string } | null;
  organization?: { id: string; status: string; municipality: { id: string } } | null;
  educator?: { id: string; status: string; municipality: { id: string }; organization: { id: string } } | null;
}

export interface IdentityCheckOptions {
  /** The directory subgraph's GraphQL URL (known once the gateway has loaded the supergraph). */
  directoryUrl: () => string | undefined;
  signer: InternalContextSigner;
  /** How long an agreeing answer is reused: a token kept after a move acts at most this long. */
  okTtlMs?: number;
  /** How long a contradiction is remembered (spares the directory a flood from one bad token). */
  refusedTtlMs?: number;
  maxEntries?: number;
  /** How long a contradiction is asked again before refusing (the directory's read-model lag). */
  settleMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Checks a token's claims against the directory, once per distinct claim set and TTL:
 * one place for every subgraph, so no context trusts a teacher token that names another
 * municipality's educator. Unreachable directory → 503 (fail closed), never a guess.
 */
export class IdentityCheck {
  private readonly cache = new Map<string, { reason: string | null; until: number }>();
  private readonly inFlight = new Map<string, Promise<string | null>>();
  /**
   * Municipalities the directory confirmed: one is never removed once onboarded, so it is not
   * asked again (a methodologist's token then needs no call at all; the directory read every
   * municipality once per token and TTL: 5,485 reads in the scale-0.1 region load).
   */
  private readonly onboarded = new Set<string>();

  constructor(private readonly o: IdentityCheckOptions) {}

  async check(user: UserClaims | null): Promise<void> {
    const q = identityQuestions(user);
    if (!q) return;
    const key = `${user!.role}|${q.municipalityId}|${q.organizationId ?? ''}|${q.educatorId ?? ''}`;
    const hit = this.cache.get(key);
    let reason: string | null;
    if (hit && hit.until > Date.now()) reason = hit.reason;
    else {
      let pending = this.inFlight.get(key);
      if (!pending) {
        pending = this.lookup(user!, q).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, pending);
      }
      reason = await pending;
    }
    if (reason) throw new IdentityMismatchError(reason);
  }

  private async lookup(user: UserClaims, q: NonNullable<ReturnType<typeof identityQuestions>>): Promise<string | null> {
    let reason = identityContradiction(user, await this.facts(q));
    // The directory's read model lags its writes a little: a municipality onboarded or an
    // educator registered a moment ago is asked again for a while before the token is refused.
    for (let waited = 0; reason && waited < (this.o.settleMs ?? 2_000); waited += 200) {
      await new Promise((r) => setTimeout(r, 200));
      reason = identityContradiction(user, await this.facts(q));
    }
    this.remember(`${user.role}|${q.municipalityId}|${q.organizationId ?? ''}|${q.educatorId ?? ''}`, reason);
    return reason;
  }

  private remember(key: string, reason: string | null) {
    if (this.cache.size >= (this.o.maxEntries ?? 50_000)) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { reason, until: Date.now() + (reason ? (this.o.refusedTtlMs ?? 1_000) : (this.o.okTtlMs ?? 60_000)) });
  }

  private async facts(q: { municipalityId: string; organizationId: string | null; educatorId: string | null }): Promise<IdentityFacts> {
    const known = this.onboarded.has(q.municipalityId);
    if (known && !q.organizationId && !q.educatorId) return { municipality: { id: q.municipalityId } };
    const requestId = randomUUID();
    const unavailable = (why: string) => new IdentityCheckUnavailable(`The directory could not confirm the token's claims (${why}); try again.`);
    let body: { data?: Answer; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const url = this.o.directoryUrl();
      if (!url) throw unavailable('no directory subgraph');
      const res = await (this.o.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_CONTEXT_HEADER]: await this.o.signer.sign({ requestId, correlationId: requestId, user: CHECKER }),
          'x-request-id': requestId,
        },
        body: JSON.stringify({
          query: QUERY,
          variables: {
            m: q.municipalityId,
            o: q.organizationId ?? '',
            e: q.educatorId ?? '',
            withMunicipality: !known,
            withOrganization: !!q.organizationId,
            withEducator: !!q.educatorId,
          },
        }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 3_000),
      });
      if (!res.ok) throw unavailable(`HTTP ${res.status}`);
      body = (await res.json()) as typeof body;
    } catch (err) {
      throw err instanceof IdentityCheckUnavailable ? err : unavailable((err as Error).name);
    }
    // Ids the directory refuses to look up are claims that name nothing.
    if (body.errors?.some((e) => e.extensions?.code === 'BAD_USER_INPUT')) return { municipality: null };
    if (!body.data || body.errors?.length) throw unavailable(body.errors?.[0]?.message.slice(0, 200) ?? 'no data');
    const { organization, educator } = body.data;
    const municipality = known ? { id: q.municipalityId } : (body.data.municipality ?? null);
    if (municipality) {
      if (this.onboarded.size >= (this.o.maxEntries ?? 50_000)) this.onboarded.clear();
      this.onboarded.add(municipality.id);
    }
    return {
      municipality,
      ...(organization !== undefined
        ? { organization: organization && { id: organization.id, status: organization.status, municipalityId: organization.municipality.id } }
        : {}),
      ...(educator !== undefined
        ? {
            educator: educator && {
              id: educator.id,
              status: educator.status,
              municipalityId: educator.municipality.id,
              organizationId: educator.organization.id,
            },
          }
        : {}),
    };
  }
}
