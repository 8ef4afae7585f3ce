import { cardInput, draftOf, emptyCard } from './project-card';

describe('a site’s project card in the form', () => {
  it('sends what was filled, trimmed, and leaves out empty rows (the completeness check names what is missing)', () => {
    const draft = {
      ...emptyCard(),
      theme: '  Цифровая лаборатория ',
      goals: 'Практикум',
      stages: [
        { title: ' Подготовительный ', from: '2026-09-01', to: '2027-05-31', expectedResults: ' Оборудование ' },
        { title: '', from: '', to: '', expectedResults: '' },
      ],
      calendarPlan: [
        { what: 'Семинар', when: ' Март ' },
        { what: '  ', when: 'Апрель' },
      ],
      councilDecision: ' Протокол № 2 ',
    };
    expect(cardInput(draft)).toEqual({
      theme: 'Цифровая лаборатория',
      goals: 'Практикум',
      stages: [{ title: 'Подготовительный', from: '2026-09-01', to: '2027-05-31', expectedResults: 'Оборудование' }],
      calendarPlan: [{ what: 'Семинар', when: 'Март' }],
      foundersAgreement: null,
      councilDecision: 'Протокол № 2',
    });
    expect(cardInput(emptyCard())).toEqual({ theme: '', goals: '', stages: [], calendarPlan: [], foundersAgreement: null, councilDecision: null });
  });

  it('opens a returned card as it was, with one empty row where it had none', () => {
    const card = {
      theme: 'Т',
      goals: 'Ц',
      stages: [{ title: 'Э', from: '2026-09-01', to: '2027-05-31', expectedResults: 'Р' }],
      calendarPlan: [],
      foundersAgreement: null,
      councilDecision: 'Протокол',
    };
    const draft = draftOf(card);
    expect(draft.stages).toEqual(card.stages);
    expect(draft.calendarPlan).toEqual([{ what: '', when: '' }]);
    expect(draft.foundersAgreement).toBe('');
    expect(cardInput(draft)).toEqual({ ...card, foundersAgreement: null });
  });
});
