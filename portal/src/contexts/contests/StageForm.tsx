import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Card,
  Chip,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation } from 'urql';
import type { OrganiserStageQuery } from '../../gql/graphql';
import { formatNumber, regionToday } from '../../i18n/format';
import { label, t } from '../../i18n/ru';
import {
  academicYearChoices,
  academicYearOf,
  AgreeingFinal,
  DEFAULT_SETTINGS,
  defaultGroups,
  FieldErrors,
  gradesOf,
  GroupDraft,
  groupsInput,
  Level,
  maxScoreOfDraft,
  nextTask,
  ScoringMode,
  Settings,
  SettingsDraft,
  settingsDraft,
  settingsFromDraft,
  subjectChoices,
  subjectCode,
  TieRule,
} from './contests-helpers';
import { CommandForm, useSubjects } from './contests-ui';
import { CHANGE_STAGE_PLAN, CHANGE_STAGE_SETTINGS, SCHEDULE_STAGE } from './operations';

const f = t.contests.stageForm;
const st = t.contests.settings;
const c = t.contests.common;
type Stage = NonNullable<OrganiserStageQuery['olympiadStage']>;

/** The form's own checks in words (the helpers name them by a short code). */
const said = (code: string): string =>
  ({
    required: c.required,
    positive: f.positive,
    twice: f.gradeTwice,
    format: st.holidaysFormat,
    aboveAwarded: st.aboveAwarded,
    '0–100': st.percentRange,
  })[code] ?? st.range(code);

const saidAll = (problems: Record<string, string>): FieldErrors => Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, said(v)]));

/** Every field name the groups editor shows (for the API's problems to land at). */
const groupFields = (groups: readonly GroupDraft[]) => [
  'groups',
  ...groups.flatMap((g, i) => [
    `groups[${i}].grades`,
    `groups[${i}].tasks`,
    `groups[${i}].groupId`,
    ...g.tasks.flatMap((_, j) => ['taskId', 'maxPoints', 'thirdCheckThreshold'].map((x) => `groups[${i}].tasks[${j}].${x}`)),
  ]),
];

export const SETTINGS_FIELDS = [
  'consentLeadWorkingDays',
  'holidays',
  'scoringMode',
  'agreeingFinal',
  'quotas.awardedShare',
  'quotas.winnerShare',
  'quotas.minScoreShare',
  'quotas.tieRule',
  'appealDays',
];

/** Grade groups with their tasks and points; a group's grades are the level's, each grade in one group. */
export const GroupsEditor = ({
  level,
  groups,
  onChange,
  errors,
}: {
  level: Level;
  groups: GroupDraft[];
  onChange: (g: GroupDraft[]) => void;
  errors: FieldErrors;
}) => {
  const set = (i: number, g: GroupDraft) => onChange(groups.map((x, k) => (k === i ? g : x)));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {f.groupsHint}
      </Text>
      {errors['groups'] && (
        <Text size="sm" c="red.9" role="alert">
          {errors['groups']}
        </Text>
      )}
      {groups.map((g, i) => (
        <Card key={i} withBorder padding="sm" data-testid={`group-${i}`}>
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>
                {f.group(i + 1)}
                {g.groupId ? ` (${g.groupId})` : ''}
              </Text>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => onChange(groups.filter((_, k) => k !== i))}
                aria-label={`${f.removeGroup} ${i + 1}`}
              >
                {f.removeGroup}
              </Button>
            </Group>
            <div role="group" aria-label={`${f.groupGrades}: ${f.group(i + 1)}`}>
              <Text size="sm" fw={500} mb={4}>
                {f.groupGrades}
              </Text>
              <Chip.Group multiple value={g.grades.map(String)} onChange={(v) => set(i, { ...g, grades: v.map(Number).sort((a, b) => a - b) })}>
                <Group gap={6}>
                  {gradesOf(level).map((grade) => (
                    <Chip key={grade} value={String(grade)} size="sm">
                      {grade}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              {(errors[`groups[${i}].grades`] || errors[`groups[${i}].groupId`]) && (
                <Text size="xs" c="red.9" mt={4}>
                  {errors[`groups[${i}].grades`] ?? errors[`groups[${i}].groupId`]}
                </Text>
              )}
            </div>
            {g.tasks.map((task, j) => (
              <Group key={j} align="flex-start" gap="xs" wrap="wrap">
                <TextInput
                  label={f.taskId}
                  value={task.taskId}
                  onChange={(e) => set(i, { ...g, tasks: g.tasks.map((x, k) => (k === j ? { ...x, taskId: e.currentTarget.value } : x)) })}
                  error={errors[`groups[${i}].tasks[${j}].taskId`]}
                  w={110}
                  aria-label={`${f.taskId} ${j + 1}, ${f.group(i + 1)}`}
                />
                <NumberInput
                  label={f.maxPoints}
                  min={0}
                  decimalScale={2}
                  decimalSeparator=","
                  value={task.maxPoints}
                  onChange={(v) => set(i, { ...g, tasks: g.tasks.map((x, k) => (k === j ? { ...x, maxPoints: v } : x)) })}
                  error={errors[`groups[${i}].tasks[${j}].maxPoints`]}
                  w={120}
                  aria-label={`${f.maxPoints}: ${c.task(task.taskId)}, ${f.group(i + 1)}`}
                />
                <NumberInput
                  label={f.thirdCheckThreshold}
                  min={0}
                  decimalScale={2}
                  decimalSeparator=","
                  value={task.thirdCheckThreshold}
                  onChange={(v) => set(i, { ...g, tasks: g.tasks.map((x, k) => (k === j ? { ...x, thirdCheckThreshold: v } : x)) })}
                  error={errors[`groups[${i}].tasks[${j}].thirdCheckThreshold`]}
                  w={250}
                  aria-label={`${f.thirdCheckThreshold}: ${c.task(task.taskId)}, ${f.group(i + 1)}`}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  onClick={() => set(i, { ...g, tasks: g.tasks.filter((_, k) => k !== j) })}
                  aria-label={`${f.removeTask(task.taskId)}, ${f.group(i + 1)}`}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {errors[`groups[${i}].tasks`] && (
              <Text size="xs" c="red.9">
                {errors[`groups[${i}].tasks`]}
              </Text>
            )}
            <Group justify="space-between">
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => set(i, { ...g, tasks: [...g.tasks, nextTask(g.tasks)] })}
              >
                {f.addTask}
              </Button>
              <Text size="sm" data-testid={`group-${i}-max`}>
                {f.groupMax(formatNumber(maxScoreOfDraft(g.tasks)))}
              </Text>
            </Group>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => onChange([...groups, { groupId: '', grades: [], tasks: [nextTask([])] }])}
        >
          {f.addGroup}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {f.thirdCheckHint}
      </Text>
    </Stack>
  );
};

/** The stage's settings with the defaults said under each field. */
export const SettingsFields = ({
  draft,
  onChange,
  errors,
  quotasOnly,
}: {
  draft: SettingsDraft;
  onChange: (d: SettingsDraft) => void;
  errors: FieldErrors;
  quotasOnly?: boolean;
}) => {
  const d = settingsDraft(DEFAULT_SETTINGS);
  const set = (patch: Partial<SettingsDraft>) => onChange({ ...draft, ...patch });
  const percent = (key: 'awardedPercent' | 'winnerPercent' | 'minScorePercent', field: string, name: string) => (
    <NumberInput
      label={name}
      description={st.byDefault(`${d[key]} %`)}
      min={0}
      max={100}
      decimalScale={2}
      decimalSeparator=","
      suffix=" %"
      value={draft[key]}
      onChange={(v) => set({ [key]: v })}
      error={errors[field]}
    />
  );
  const quotas = (
    <>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {percent('awardedPercent', 'quotas.awardedShare', st.awardedPercent)}
        {percent('winnerPercent', 'quotas.winnerShare', st.winnerPercent)}
        {percent('minScorePercent', 'quotas.minScoreShare', st.minScorePercent)}
      </SimpleGrid>
      <Radio.Group
        label={st.tieRule}
        description={st.byDefault(label('TieRule', DEFAULT_SETTINGS.quotas.tieRule))}
        value={draft.tieRule}
        onChange={(v) => set({ tieRule: v as TieRule })}
        error={errors['quotas.tieRule']}
      >
        <Stack gap="xs" mt="xs">
          {(['WITHIN_QUOTA', 'ALL_TIED'] as TieRule[]).map((r) => (
            <Radio key={r} value={r} label={label('TieRule', r)} />
          ))}
        </Stack>
      </Radio.Group>
    </>
  );
  if (quotasOnly) return <Stack>{quotas}</Stack>;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Radio.Group
          label={st.scoringMode}
          description={st.byDefault(label('ScoringMode', DEFAULT_SETTINGS.scoringMode))}
          value={draft.scoringMode}
          onChange={(v) => set({ scoringMode: v as ScoringMode })}
          error={errors['scoringMode']}
        >
          <Stack gap="xs" mt="xs">
            {(['SINGLE', 'DOUBLE'] as ScoringMode[]).map((m) => (
              <Radio key={m} value={m} label={label('ScoringMode', m)} />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group
          label={st.agreeingFinal}
          description={st.byDefault(label('AgreeingFinal', DEFAULT_SETTINGS.agreeingFinal))}
          value={draft.agreeingFinal}
          onChange={(v) => set({ agreeingFinal: v as AgreeingFinal })}
          error={errors['agreeingFinal']}
        >
          <Stack gap="xs" mt="xs">
            {(['MEAN', 'HIGHER'] as AgreeingFinal[]).map((m) => (
              <Radio key={m} value={m} label={label('AgreeingFinal', m)} disabled={draft.scoringMode === 'SINGLE'} />
            ))}
          </Stack>
        </Radio.Group>
      </SimpleGrid>
      {quotas}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <NumberInput
          label={st.consentLeadWorkingDays}
          description={st.byDefault(String(d.consentLeadWorkingDays))}
          min={0}
          max={60}
          allowDecimal={false}
          value={draft.consentLeadWorkingDays}
          onChange={(v) => set({ consentLeadWorkingDays: v })}
          error={errors['consentLeadWorkingDays']}
        />
        <NumberInput
          label={st.appealDays}
          description={st.byDefault(String(d.appealDays))}
          min={1}
          max={14}
          allowDecimal={false}
          value={draft.appealDays}
          onChange={(v) => set({ appealDays: v })}
          error={errors['appealDays']}
        />
        <TextInput
          label={st.holidays}
          description={st.holidaysHint}
          value={draft.holidays}
          onChange={(e) => set({ holidays: e.currentTarget.value })}
          error={errors['holidays']}
        />
      </SimpleGrid>
    </Stack>
  );
};

/** Changing a stage's settings (the organiser's; scoring mode fixed once scores are recorded, the API says so). */
export const SettingsForm = ({ stageId, settings, onDone }: { stageId: string; settings: Settings; onDone: () => void }) => {
  const [draft, setDraft] = useState(settingsDraft(settings));
  const [, change] = useMutation(CHANGE_STAGE_SETTINGS);
  return (
    <CommandForm
      fields={SETTINGS_FIELDS}
      submitLabel={t.app.save}
      done={st.saved}
      onDone={onDone}
      check={() => saidAll(settingsFromDraft(draft).problems)}
      run={() => change({ input: { stageId, settings: settingsFromDraft(draft).settings } })}
    >
      {(errors) => <SettingsFields draft={draft} onChange={setDraft} errors={errors} />}
    </CommandForm>
  );
};

const groupDrafts = (stage: Stage): GroupDraft[] =>
  stage.groups.map((g) => ({
    groupId: g.groupId,
    grades: [...g.grades],
    tasks: g.tasks.map((x) => ({ taskId: x.taskId, maxPoints: x.maxPoints, thirdCheckThreshold: x.thirdCheckThreshold })),
  }));

/**
 * Scheduling a stage (kind, title, year, subject, level, dates, registration window, grade groups
 * with tasks and points, settings with their defaults), or changing a scheduled stage's plan
 * (title, dates, groups: its olympiad, subject, level and year stay).
 */
export const StageForm = ({ levels, existing, onDone }: { levels: Level[]; existing?: Stage; onDone: (stageId: string) => void }) => {
  const today = regionToday();
  const [kind, setKind] = useState<'VSOSH' | 'LOCAL'>(existing?.kind ?? 'VSOSH');
  const [title, setTitle] = useState(existing?.title ?? '');
  const [year, setYear] = useState<string>(existing?.academicYear ?? academicYearOf(today));
  const [subject, setSubject] = useState<string | null>(existing ? existing.subject : null);
  // Edited, a stage's subject is fixed (not in the form): only a new stage types one.
  const [localSubject, setLocalSubject] = useState('');
  const subjects = useSubjects();
  const [level, setLevel] = useState<Level>((existing?.level as Level | undefined) ?? levels[0]!);
  const [startsOn, setStartsOn] = useState(existing?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(existing?.endsOn ?? '');
  const [registrationFrom, setRegistrationFrom] = useState(existing?.registrationFrom ?? '');
  const [registrationTo, setRegistrationTo] = useState(existing?.registrationTo ?? '');
  const [groups, setGroups] = useState<GroupDraft[]>(existing ? groupDrafts(existing) : defaultGroups(levels[0]!));
  const [settings, setSettings] = useState(settingsDraft());
  const [, schedule] = useMutation(SCHEDULE_STAGE);
  const [, changePlan] = useMutation(CHANGE_STAGE_PLAN);
  const subjectValue = kind === 'VSOSH' ? (subject ?? '') : subjectCode(localSubject, subjects);
  const dates = { startsOn, endsOn, registrationFrom, registrationTo };
  const fields = [
    'kind',
    'title',
    'academicYear',
    'subject',
    'level',
    'startsOn',
    'endsOn',
    'registrationFrom',
    'registrationTo',
    ...groupFields(groups),
    ...(existing ? [] : SETTINGS_FIELDS),
  ];

  return (
    <CommandForm
      inModal={!!existing}
      fields={fields}
      submitLabel={existing ? t.app.save : f.submitNew}
      done={existing ? f.changed : f.scheduled}
      onDone={() => undefined}
      check={() => {
        const p: FieldErrors = {};
        if (!title.trim()) p['title'] = c.required;
        if (!existing && !subjectValue) p['subject'] = c.required;
        for (const [k, v] of Object.entries(dates)) if (!v) p[k] = c.required;
        Object.assign(p, saidAll(groupsInput(groups).problems));
        if (!existing) Object.assign(p, saidAll(settingsFromDraft(settings).problems));
        return p;
      }}
      run={async () => {
        const plan = { title: title.trim(), ...dates, groups: groupsInput(groups).groups };
        if (existing) {
          const r = await changePlan({ input: { stageId: existing.id, ...plan } });
          if (!r.error) onDone(existing.id);
          return r;
        }
        const r = await schedule({
          input: { kind, academicYear: year, subject: subjectValue, level, ...plan, settings: settingsFromDraft(settings).settings },
        });
        if (!r.error && r.data) onDone(r.data.scheduleOlympiadStage.id);
        return r;
      }}
    >
      {(errors) => (
        <>
          {existing ? (
            <Alert color="gray">{f.fixed}</Alert>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Radio.Group label={f.kind} value={kind} onChange={(v) => setKind(v as 'VSOSH' | 'LOCAL')} error={errors['kind']}>
                <Group mt="xs">
                  <Radio value="VSOSH" label={label('OlympiadKind', 'VSOSH')} />
                  <Radio value="LOCAL" label={label('OlympiadKind', 'LOCAL')} />
                </Group>
              </Radio.Group>
              <Select
                label={c.year}
                allowDeselect={false}
                data={academicYearChoices(today).slice(1)}
                value={year}
                onChange={(v) => v && setYear(v)}
                error={errors['academicYear']}
              />
              {kind === 'VSOSH' ? (
                <Select
                  label={f.subjectVsosh}
                  required
                  searchable
                  data={subjectChoices(subjects)}
                  value={subject}
                  onChange={setSubject}
                  error={errors['subject']}
                />
              ) : (
                <Autocomplete
                  label={f.subjectLocal}
                  description={f.subjectLocalHint}
                  required
                  data={subjectChoices(subjects).map((x) => x.label)}
                  value={localSubject}
                  onChange={setLocalSubject}
                  error={errors['subject']}
                />
              )}
              <Select
                label={f.level}
                allowDeselect={false}
                disabled={levels.length < 2}
                data={levels.map((l) => ({ value: l, label: label('StageLevel', l) }))}
                value={level}
                onChange={(v) => {
                  if (!v || v === level) return;
                  setLevel(v as Level);
                  setGroups(defaultGroups(v as Level));
                }}
                error={errors['level']}
              />
            </SimpleGrid>
          )}
          <TextInput
            label={f.title}
            description={f.titleHint}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors['title']}
          />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput
              type="date"
              label={f.startsOn}
              required
              value={startsOn}
              onChange={(e) => setStartsOn(e.currentTarget.value)}
              error={errors['startsOn']}
            />
            <TextInput type="date" label={f.endsOn} required value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} error={errors['endsOn']} />
            <TextInput
              type="date"
              label={f.registrationFrom}
              required
              value={registrationFrom}
              onChange={(e) => setRegistrationFrom(e.currentTarget.value)}
              error={errors['registrationFrom']}
            />
            <TextInput
              type="date"
              label={f.registrationTo}
              description={f.registrationHint}
              required
              value={registrationTo}
              onChange={(e) => setRegistrationTo(e.currentTarget.value)}
              error={errors['registrationTo']}
            />
          </SimpleGrid>
          <Fieldset legend={f.groups}>
            <GroupsEditor level={level} groups={groups} onChange={setGroups} errors={errors} />
          </Fieldset>
          {!existing && (
            <Fieldset legend={f.settings}>
              <Text size="sm" c="dimmed" mb="sm">
                {f.settingsHint}
              </Text>
              <SettingsFields draft={settings} onChange={setSettings} errors={errors} />
            </Fieldset>
          )}
        </>
      )}
    </CommandForm>
  );
};
