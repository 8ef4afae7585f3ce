import { Decider, DomainError, DomainEvent } from '@mms/eventsourcing';

export type MunicipalityEvent = DomainEvent<
  'MunicipalityOnboarded',
  { municipalityId: string; name: string; oktmo: string }
>;

export type MunicipalityCommand = { type: 'OnboardMunicipality'; municipalityId: string; name: string; oktmo: string };

export interface MunicipalityState {
  onboarded: boolean;
  name: string | null;
  oktmo: string | null;
}

/** A municipality's stream lives in its own tenant: onboarding creates the tenant. */
export const municipalityDecider: Decider<MunicipalityState, MunicipalityCommand, MunicipalityEvent> = {
  streamType: 'municipality',
  initialState: () => ({ onboarded: false, name: null, oktmo: null }),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'MunicipalityOnboarded':
        return { onboarded: true, name: event.data.name, oktmo: event.data.oktmo };
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'OnboardMunicipality':
        if (state.onboarded) {
          throw new DomainError('MUNICIPALITY_EXISTS', `municipality ${command.municipalityId} is already onboarded`);
        }
        return [
          {
            type: 'MunicipalityOnboarded',
            data: { municipalityId: command.municipalityId, name: command.name, oktmo: command.oktmo },
          },
        ];
    }
  },
};
