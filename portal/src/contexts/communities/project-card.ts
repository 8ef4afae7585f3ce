import type { ProjectCardInput } from '../../gql/graphql';

/** A project card as the form holds it: every field a string, stages and plan items as rows. */
export interface CardDraft {
  theme: string;
  goals: string;
  stages: { title: string; from: string; to: string; expectedResults: string }[];
  calendarPlan: { what: string; when: string }[];
  foundersAgreement: string;
  councilDecision: string;
}

export const emptyCard = (): CardDraft => ({
  theme: '',
  goals: '',
  stages: [{ title: '', from: '', to: '', expectedResults: '' }],
  calendarPlan: [{ what: '', when: '' }],
  foundersAgreement: '',
  councilDecision: '',
});

/** A card the API already holds, as a draft to change (a returned application). */
export const draftOf = (card: {
  theme: string;
  goals: string;
  stages: CardDraft['stages'];
  calendarPlan: CardDraft['calendarPlan'];
  foundersAgreement?: string | null;
  councilDecision?: string | null;
}): CardDraft => ({
  theme: card.theme,
  goals: card.goals,
  stages: card.stages.length ? card.stages.map(({ title, from, to, expectedResults }) => ({ title, from, to, expectedResults })) : emptyCard().stages,
  calendarPlan: card.calendarPlan.length ? card.calendarPlan.map(({ what, when }) => ({ what, when })) : emptyCard().calendarPlan,
  foundersAgreement: card.foundersAgreement ?? '',
  councilDecision: card.councilDecision ?? '',
});

/** The draft as the API takes it: empty rows left out (the completeness check names what is missing). */
export const cardInput = (d: CardDraft): ProjectCardInput => ({
  theme: d.theme.trim(),
  goals: d.goals.trim(),
  stages: d.stages
    .filter((x) => x.title.trim() || x.expectedResults.trim())
    .map((x) => ({ title: x.title.trim(), from: x.from, to: x.to, expectedResults: x.expectedResults.trim() })),
  calendarPlan: d.calendarPlan.filter((x) => x.what.trim()).map((x) => ({ what: x.what.trim(), when: x.when.trim() })),
  foundersAgreement: d.foundersAgreement.trim() || null,
  councilDecision: d.councilDecision.trim() || null,
});
