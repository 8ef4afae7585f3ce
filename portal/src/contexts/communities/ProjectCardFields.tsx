import { ActionIcon, Button, Fieldset, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { c } from './communities-ui';
import { CardDraft, emptyCard } from './project-card';

const s = c.sites;

/** The project card's fields: theme, goals, stages with expected results, the calendar plan, the document references. */
export const ProjectCardFields = ({ value, onChange, errors }: { value: CardDraft; onChange: (d: CardDraft) => void; errors: Record<string, string> }) => {
  const set = <K extends keyof CardDraft>(k: K, v: CardDraft[K]) => onChange({ ...value, [k]: v });
  const setStage = (i: number, k: keyof CardDraft['stages'][number], v: string) =>
    set(
      'stages',
      value.stages.map((x, j) => (j === i ? { ...x, [k]: v } : x)),
    );
  const setItem = (i: number, k: keyof CardDraft['calendarPlan'][number], v: string) =>
    set(
      'calendarPlan',
      value.calendarPlan.map((x, j) => (j === i ? { ...x, [k]: v } : x)),
    );
  return (
    <Stack>
      <TextInput label={s.theme} required value={value.theme} onChange={(e) => set('theme', e.currentTarget.value)} error={errors['theme']} />
      <Textarea
        label={s.goals}
        required
        value={value.goals}
        onChange={(e) => set('goals', e.currentTarget.value)}
        error={errors['goals']}
        autosize
        minRows={2}
      />
      <Fieldset legend={s.stages}>
        <Stack gap="sm">
          {value.stages.map((x, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 4 }} style={{ flex: 1 }}>
                <TextInput label={s.stageN(i + 1)} value={x.title} onChange={(e) => setStage(i, 'title', e.currentTarget.value)} />
                <TextInput
                  type="date"
                  label={`${s.stageN(i + 1)}: ${c.common.from}`}
                  value={x.from}
                  onChange={(e) => setStage(i, 'from', e.currentTarget.value)}
                />
                <TextInput type="date" label={`${s.stageN(i + 1)}: ${c.common.to}`} value={x.to} onChange={(e) => setStage(i, 'to', e.currentTarget.value)} />
                <TextInput
                  label={`${s.stageN(i + 1)}: ${s.expectedResults}`}
                  value={x.expectedResults}
                  onChange={(e) => setStage(i, 'expectedResults', e.currentTarget.value)}
                />
              </SimpleGrid>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`${s.removeRow}: ${s.stageN(i + 1)}`}
                disabled={value.stages.length === 1}
                onClick={() =>
                  set(
                    'stages',
                    value.stages.filter((_, j) => j !== i),
                  )
                }
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => set('stages', [...value.stages, ...emptyCard().stages])}
            >
              {s.addStage}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <Fieldset legend={s.calendarPlan}>
        <Stack gap="sm">
          {value.calendarPlan.map((x, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ flex: 1 }}>
                <TextInput label={s.planItem(i + 1)} value={x.what} onChange={(e) => setItem(i, 'what', e.currentTarget.value)} />
                <TextInput label={`${s.planItem(i + 1)}: ${s.planWhen}`} value={x.when} onChange={(e) => setItem(i, 'when', e.currentTarget.value)} />
              </SimpleGrid>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`${s.removeRow}: ${s.planItem(i + 1)}`}
                disabled={value.calendarPlan.length === 1}
                onClick={() =>
                  set(
                    'calendarPlan',
                    value.calendarPlan.filter((_, j) => j !== i),
                  )
                }
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => set('calendarPlan', [...value.calendarPlan, ...emptyCard().calendarPlan])}
            >
              {s.addPlanItem}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={s.foundersAgreement} value={value.foundersAgreement} onChange={(e) => set('foundersAgreement', e.currentTarget.value)} />
        <TextInput label={s.councilDecision} value={value.councilDecision} onChange={(e) => set('councilDecision', e.currentTarget.value)} />
      </SimpleGrid>
    </Stack>
  );
};
