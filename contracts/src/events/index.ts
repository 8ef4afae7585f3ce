import { CommunitiesContracts } from './communities';
import { ContestsContracts } from './contests';
import { DirectoryContracts } from './directory';
import { ProfessionalDevelopmentContracts } from './professional-development';
import { EventContract, latestVersion } from './registry';

export * from './registry';
export * from './directory';
export * from './professional-development';
export * from './contests';
export * from './communities';
export * from './directory-placement';

/** Every published contract, by event type. */
export const ALL_CONTRACTS: Record<string, EventContract> = Object.fromEntries(
  [
    ...Object.values(DirectoryContracts),
    ...Object.values(ProfessionalDevelopmentContracts),
    ...Object.values(ContestsContracts),
    ...Object.values(CommunitiesContracts),
  ].map((c) => [c.type, c]),
);

/** Upcasting table for consumers: type → current version and per-version upcasters. */
export const contractUpcasting = () => ({
  current: Object.fromEntries(Object.values(ALL_CONTRACTS).map((c) => [c.type, latestVersion(c)])),
  upcasters: Object.fromEntries(
    Object.values(ALL_CONTRACTS).map((c) => [
      c.type,
      Object.fromEntries(
        Object.entries(c.versions)
          .filter(([, v]) => v.upcast)
          .map(([k, v]) => [Number(k), v.upcast!]),
      ),
    ]),
  ),
});
