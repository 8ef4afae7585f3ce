import { AddressInfo, createServer, Server } from 'node:net';

const listening = () =>
  new Promise<Server>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => resolve(probe));
  });

/**
 * n distinct ports the OS says are free now: all held at once, so none repeats. Another process
 * may still take one before the caller binds: callers that can, retry on EADDRINUSE.
 */
export const freePorts = async (n: number): Promise<number[]> => {
  const probes = await Promise.all(Array.from({ length: n }, listening));
  const ports = probes.map((p) => (p.address() as AddressInfo).port);
  await Promise.all(probes.map((p) => new Promise((done) => p.close(done))));
  return ports;
};

export const freePort = async () => (await freePorts(1))[0]!;
