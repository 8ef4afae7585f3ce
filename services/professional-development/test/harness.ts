import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Db } from 'mongodb';
import { ensureDevKeys, InternalContextSigner, INTERNAL_CONTEXT_HEADER, readPem, UserClaims } from '@mms/auth';
import { DirectoryContracts } from '@mms/contracts';
import { COMMITS_COLLECTION, EventEnvelope, physicalName, toMessage } from '@mms/eventsourcing';
import { bootstrapService, loadServiceConfig } from '@mms/service-kit';
import { testBus, testDatabase, uniqueTopic, waitFor } from '@mms/testing/infra';
import { PdTopics, ProfessionalDevelopmentModule, professionalDevelopmentEventHandlers } from '../src/app.module';
import { EDUCATORS_PROJECTION } from '../src/pd.projection';

export interface GqlResult<T = any> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

export interface PdService {
  app: INestApplication;
  db: Db;
  topics: PdTopics;
  gql<T = any>(user: UserClaims | null, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Announces an educator as the directory would, on the (test's own) directory topic. */
  registerEducator(e: { educatorId: string; municipalityId: string; organizationId: string; careerStartDate: string }): Promise<void>;
  /** Waits until the educators read model has heard of them. */
  educatorKnown(educatorId: string): Promise<void>;
  commits(streamId: string): Promise<number>;
  stop(): Promise<void>;
}

export const claims = (role: UserClaims['role'], over: Partial<UserClaims> = {}): UserClaims => ({
  subject: `${role}-${randomUUID().slice(0, 6)}`,
  role,
  municipalityId: role === 'regional_operator' ? null : 'mun-a',
  organizationId: null,
  educatorId: null,
  ...over,
});

/**
 * The service as it runs (Nest app, HTTP subgraph endpoint, relay, projections, reactions) on
 * the test run's Kafka and MongoDB-compatible server, with its own database, topics and
 * consumer groups, so test files do not see each other. Requests carry a signed internal
 * context, as the gateway sends them.
 */
export const startPdService = async (label: string): Promise<PdService> => {
  const keysDir = mkdtempSync(join(tmpdir(), 'pd-keys-'));
  const keys = ensureDevKeys(keysDir);
  const signer = await InternalContextSigner.fromPem(readPem(keys.internalPrivate));
  const database = await testDatabase(`pd_${label}`);
  const topics: PdTopics = { internal: uniqueTopic('pd-internal'), public: uniqueTopic('pd-public'), directory: uniqueTopic('directory') };
  const config = loadServiceConfig(
    `pd-test-${label}-${randomUUID().slice(0, 8)}`,
    { port: 0 },
    {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MONGO_DB: database.name,
      INTERNAL_CONTEXT_PUBLIC_KEY_FILE: keys.internalPublic,
      LOG_LEVEL: 'error',
    },
  );
  const app = await bootstrapService(ProfessionalDevelopmentModule.forRoot(config, topics), config, professionalDevelopmentEventHandlers(config, topics));
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const producer = testBus(`pd-test-${label}`).producer();
  const versions = new Map<string, number>();
  const educators = database.db.collection(physicalName(EDUCATORS_PROJECTION, 1, 'educators'));

  return {
    app,
    db: database.db,
    topics,
    gql: async (user, query, variables) => {
      const token = await signer.sign({ requestId: randomUUID(), correlationId: randomUUID(), user });
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: token },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GqlResult;
    },
    registerEducator: async (e) => {
      const streamId = `educator-${e.educatorId}`;
      const version = (versions.get(`${e.municipalityId}|${streamId}`) ?? 0) + 1;
      versions.set(`${e.municipalityId}|${streamId}`, version);
      const envelope: EventEnvelope = {
        eventId: randomUUID(),
        type: DirectoryContracts.EducatorRegistered.type,
        schemaVersion: 1,
        tenantId: e.municipalityId,
        streamType: 'educator',
        streamId,
        streamVersion: version,
        occurredAt: new Date().toISOString(),
        correlationId: randomUUID(),
        causationId: null,
        actor: { subject: 'directory-test', role: 'municipal_methodologist' },
        data: { ...e, position: 'учитель', subjects: ['математика'], qualificationCategory: 'NONE' },
      };
      await producer.send(topics.directory, [toMessage(envelope)]);
    },
    educatorKnown: async (educatorId) => {
      await waitFor(async () => (await educators.findOne({ _id: educatorId as never }))?.['municipalityId'], {
        what: `educator ${educatorId} in the read model`,
      });
    },
    commits: (streamId) => database.db.collection(COMMITS_COLLECTION).countDocuments({ streamId }),
    stop: async () => {
      await producer.disconnect().catch(() => undefined);
      await app.close();
      await database.drop();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
};

/** The data of a successful call, or a thrown error with the GraphQL errors. */
export const ok = <T = any>(r: GqlResult<T>): T => {
  if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
  return r.data!;
};

/** The error code of a refused call. */
export const codeOf = (r: GqlResult): string | undefined => r.errors?.[0]?.extensions?.['code'];
