/** Stops testcontainers (local processes stay up for the next run). */
export default async function globalTeardown(): Promise<void> {
  const infra = (globalThis as { __mmsInfra?: { stop(): Promise<void> } }).__mmsInfra;
  await infra?.stop();
}
