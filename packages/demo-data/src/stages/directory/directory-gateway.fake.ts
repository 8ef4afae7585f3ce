/**
 * An in-memory stand-in for the gateway + directory, answering the seeder's operations
 * the way the directory does: server-generated ids for organisations and educators,
 * MUNICIPALITY_EXISTS on a repeated onboarding, tenant-scoped lists paged by 200, the
 * directory's input validation, and optional transient 503s.
 */
import type { FetchLike } from '../../runner/graphql-client';
import type { TokenSource } from '../../runner/tokens';
import { educatorProblems, onboardProblems, organizationProblems } from '../../region/directory-rules.fake';

export interface FakeDirectory {
  municipalities: Map<string, { name: string; oktmo: string }>;
  organizations: Map<string, { tenantId: string; name: string; kind: string }>;
  educators: Map<string, { tenantId: string; organizationId: string; fullName: string; status: string }>;
  calls: Record<string, number>;
}

/** Tokens are plain strings the fake understands: "ro" or "mm:<municipality>". */
export const fakeTokens = (): TokenSource => ({
  regionalOperator: async () => 'ro',
  methodologist: async (m) => `mm:${m}`,
  forRole: async (role, claims) => `${role}:${claims?.municipality ?? ''}`,
});

const gqlError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }], data: null });

export const fakeGateway = (opts: { fail503Every?: number; today?: Date; delayMs?: number } = {}) => {
  const dir: FakeDirectory = { municipalities: new Map(), organizations: new Map(), educators: new Map(), calls: {} };
  let seq = 0;
  let requests = 0;
  const nextId = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const today = opts.today ?? new Date();

  const page = <T extends { id: string }>(all: T[], after: string | null) => {
    const sorted = all.sort((a, b) => (a.id < b.id ? -1 : 1));
    const start = after ? sorted.findIndex((x) => x.id === after) + 1 : 0;
    const nodes = sorted.slice(start, start + 200);
    const hasNextPage = start + 200 < sorted.length;
    return { nodes, pageInfo: { hasNextPage, endCursor: nodes.length ? nodes[nodes.length - 1]!.id : null } };
  };

  const handle = (op: string, v: Record<string, any>, token: string | null): unknown => {
    dir.calls[op] = (dir.calls[op] ?? 0) + 1;
    const tenant = token?.startsWith('mm:') ? token.slice(3) : null;
    switch (op) {
      case 'DemoOnboardMunicipality': {
        if (token !== 'ro') return gqlError('only the regional operator may do this', 'FORBIDDEN');
        const problems = onboardProblems(v['input']);
        if (problems.length) return gqlError(JSON.stringify(problems), 'BAD_USER_INPUT');
        const { id, name, oktmo } = v['input'];
        if (dir.municipalities.has(id)) return gqlError(`municipality ${id} is already onboarded`, 'MUNICIPALITY_EXISTS');
        dir.municipalities.set(id, { name, oktmo });
        return { data: { onboardMunicipality: { id } } };
      }
      case 'DemoRegisterOrganization': {
        if (!tenant) return gqlError('only a municipal methodologist may change organisations', 'FORBIDDEN');
        const problems = organizationProblems(v['input']);
        if (problems.length) return gqlError(JSON.stringify(problems), 'BAD_USER_INPUT');
        if (!dir.municipalities.has(tenant)) return gqlError('not onboarded', 'MUNICIPALITY_NOT_ONBOARDED');
        const id = nextId();
        dir.organizations.set(id, { tenantId: tenant, name: v['input'].name, kind: v['input'].kind });
        return { data: { registerOrganization: { id } } };
      }
      case 'DemoRegisterEducator': {
        if (!tenant) return gqlError('forbidden', 'FORBIDDEN');
        const problems = educatorProblems(v['input'], today);
        if (problems.length) return gqlError(JSON.stringify(problems), 'BAD_USER_INPUT');
        const org = dir.organizations.get(v['input'].organizationId);
        if (!org || org.tenantId !== tenant) return gqlError('organization not found', 'NOT_FOUND');
        const id = nextId();
        dir.educators.set(id, {
          tenantId: tenant,
          organizationId: v['input'].organizationId,
          fullName: v['input'].fullName,
          status: 'ACTIVE',
        });
        return { data: { registerEducator: { id } } };
      }
      case 'DemoMunicipalities': {
        const all = [...dir.municipalities.keys()].filter((id) => token === 'ro' || id === tenant).map((id) => ({ id }));
        return { data: { municipalities: page(all, v['after']) } };
      }
      case 'DemoOrganizations': {
        const all = [...dir.organizations].filter(([, o]) => o.tenantId === tenant).map(([id, o]) => ({ id, name: o.name }));
        return { data: { organizations: page(all, v['after']) } };
      }
      case 'DemoEducators': {
        const status = v['status'] ?? 'ACTIVE';
        const all = [...dir.educators].filter(([, e]) => e.tenantId === tenant && e.status === status).map(([id, e]) => ({ id, fullName: e.fullName }));
        return { data: { educators: page(all, v['after']) } };
      }
      default:
        return gqlError(`unknown operation ${op}`, 'GRAPHQL_VALIDATION_FAILED');
    }
  };

  const fetch: FetchLike = async (_url, init) => {
    requests++;
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (opts.fail503Every && requests % opts.fail503Every === 0) {
      return new Response('{"errors":[{"message":"unavailable"}]}', { status: 503, headers: { 'content-type': 'application/json' } });
    }
    const body = JSON.parse(String(init.body));
    const auth = (init.headers as Record<string, string>)['authorization'] ?? null;
    const token = auth ? auth.replace(/^Bearer /, '') : null;
    const out = handle(body.operationName, body.variables ?? {}, token);
    return new Response(JSON.stringify(out), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  return { fetch, dir, requests: () => requests };
};
