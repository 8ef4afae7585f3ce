import { DomainError, ValidationError } from '@mms/eventsourcing/core';
import { deciderSpec } from '@mms/testing';
import { callTakes, SiteCallCommand, siteCallDecider, SiteCallEvent } from './site-call.decider';

const spec = deciderSpec(siteCallDecider);
const id = { callId: 'call1' };
const announce: SiteCallCommand = {
  ...id,
  type: 'AnnounceSiteCall',
  level: 'MUNICIPAL',
  statuses: ['INNOVATION', 'INNOVATION', 'BASE'],
  from: '2026-09-01',
  to: '2026-09-30',
  title: ' Конкурс ',
};
const announced: SiteCallEvent = {
  type: 'SiteCallAnnounced',
  data: { ...id, level: 'MUNICIPAL', statuses: ['INNOVATION', 'BASE'], from: '2026-09-01', to: '2026-09-30', title: 'Конкурс' },
};

describe('calls for site applications', () => {
  it('announces once, with its statuses and window; a bad window or status is refused', () => {
    spec.given([]).when(announce).then([announced]);
    spec.given([announced]).when(announce).thenThrows(DomainError, 'CALL_EXISTS');
    spec
      .given([])
      .when({ ...announce, to: '2026-08-01' })
      .thenThrows(ValidationError);
    spec
      .given([])
      .when({ ...announce, statuses: [] })
      .thenThrows(ValidationError);
  });

  it('takes an application for its statuses and level inside its window; closed early, no longer', () => {
    const open = [announced].reduce(siteCallDecider.evolve, siteCallDecider.initialState());
    expect(callTakes(open, 'BASE', 'MUNICIPAL', '2026-09-30')).toBe(true);
    expect(callTakes(open, 'SUPPORT', 'MUNICIPAL', '2026-09-10')).toBe(false);
    expect(callTakes(open, 'BASE', 'REGIONAL', '2026-09-10')).toBe(false);
    expect(callTakes(open, 'BASE', 'MUNICIPAL', '2026-10-01')).toBe(false);
    const closed = [announced, { type: 'SiteCallClosedEarly', data: { ...id, on: '2026-09-15' } } as SiteCallEvent].reduce(
      siteCallDecider.evolve,
      siteCallDecider.initialState(),
    );
    expect(callTakes(closed, 'BASE', 'MUNICIPAL', '2026-09-20')).toBe(false);
    spec
      .given([announced])
      .when({ ...id, type: 'CloseSiteCallEarly', today: '2026-09-15' })
      .then([{ type: 'SiteCallClosedEarly', data: { ...id, on: '2026-09-15' } }]);
  });
});
