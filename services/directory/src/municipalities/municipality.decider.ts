import { Decider, DomainEvent, refuse } from '@mms/eventsourcing/core';

export type MunicipalityEvent = DomainEvent<'MunicipalityOnboarded', { municipalityId: string; name: string; oktmo: string; onboardedAt: string }>;

export type MunicipalityCommand = {
  type: 'OnboardMunicipality';
  municipalityId: string;
  name: string;
  oktmo: string;
  /** When: decided by the caller so that the decider stays pure. */
  at: string;
};

export interface MunicipalityState {
  onboarded: boolean;
  name: string | null;
  oktmo: string | null;
  onboardedAt: string | null;
}

export const municipalityStream = (municipalityId: string) => `municipality-${municipalityId}`;

/** A municipality's stream lives in its own tenant: onboarding creates the tenant. */
export const municipalityDecider: Decider<MunicipalityState, MunicipalityCommand, MunicipalityEvent> = {
  streamType: 'municipality',
  initialState: () => ({ onboarded: false, name: null, oktmo: null, onboardedAt: null }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'MunicipalityOnboarded':
        return { onboarded: true, name: event.data.name, oktmo: event.data.oktmo, onboardedAt: event.data.onboardedAt };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'OnboardMunicipality':
        if (state.onboarded) refuse('MUNICIPALITY_EXISTS', `municipality ${command.municipalityId} is already onboarded`);
        return [
          {
            type: 'MunicipalityOnboarded',
            data: { municipalityId: command.municipalityId, name: command.name, oktmo: command.oktmo, onboardedAt: command.at },
          },
        ];
    }
  },
};
