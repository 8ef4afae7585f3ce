import { Button, Checkbox, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { SchoolStageQuery } from '../../gql/graphql';
import { t } from '../../i18n/ru';
import { competingGrades, Level } from './contests-helpers';
import { CommandForm, studentName } from './contests-ui';
import { ENTER_STUDENT, ENTER_STUDENTS, STUDENTS } from './operations';

const s = t.contests.school;
const c = t.contests.common;
type Stage = NonNullable<SchoolStageQuery['olympiadStage']>;

/** The school's students who may be entered now: not erased, with the parents' consent to participate, not entered yet. */
const useEnterable = (stage: Stage, organizationId: string) => {
  const [{ data }] = useQuery({ query: STUDENTS, variables: { organizationId, first: 200 } });
  const entered = new Set(stage.entries.filter((e) => e.status === 'ENTERED').map((e) => e.student?.id));
  return (data?.studentsPage.nodes ?? []).filter((st) => !st.erased && st.consent?.participation && !entered.has(st.id));
};

/** Entering a student with the parents' consent for the grade they compete for (their own or older). */
export const EnterForm = ({ stage, organizationId, onDone }: { stage: Stage; organizationId: string; onDone: () => void }) => {
  const students = useEnterable(stage, organizationId);
  const [studentId, setStudentId] = useState<string | null>(null);
  const student = students.find((st) => st.id === studentId);
  const grades = student ? competingGrades(stage.level as Level, student.grade, stage.groups) : [];
  const [grade, setGrade] = useState<string | null>(null);
  const [, enter] = useMutation(ENTER_STUDENT);
  return (
    <CommandForm
      fields={['studentId', 'grade']}
      submitLabel={s.enter}
      done={s.enteredDone}
      onDone={onDone}
      check={() => {
        const p: Record<string, string> = {};
        if (!studentId) p['studentId'] = c.required;
        else if (!grades.length) p['grade'] = s.noGradeGroup;
        return p;
      }}
      run={() => enter({ input: { stageId: stage.id, studentId: studentId!, grade: Number(grade ?? grades[0]) } })}
    >
      {(errors) => (
        <>
          <Text size="sm" c="dimmed">
            {s.enterHint}
          </Text>
          <Select
            label={c.student}
            placeholder={s.pickStudent}
            required
            searchable
            data={students.map((st) => ({ value: st.id, label: `${studentName(st) ?? st.id}, ${st.grade} ${c.grade.toLowerCase()}` }))}
            value={studentId}
            onChange={(v) => {
              setStudentId(v);
              setGrade(null);
            }}
            error={errors['studentId']}
            data-autofocus
          />
          <Select
            label={s.competingGrade}
            description={s.competingGradeHint}
            allowDeselect={false}
            disabled={!student}
            data={grades.map(String)}
            value={grade ?? (grades[0] !== undefined ? String(grades[0]) : null)}
            onChange={setGrade}
            error={errors['grade']}
            maw={200}
          />
        </>
      )}
    </CommandForm>
  );
};

/**
 * Several students at once, each at their own grade (`enterStudentsForStage`: all entered, or none,
 * the refusal naming the student): those with the parents' consent whose grade the stage offers,
 * all ticked to begin with. An older grade is entered one by one.
 */
export const EnterManyForm = ({ stage, organizationId, onDone }: { stage: Stage; organizationId: string; onDone: () => void }) => {
  const students = useEnterable(stage, organizationId).filter((st) => competingGrades(stage.level as Level, st.grade, stage.groups)[0] === st.grade);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const chosen = students.filter((st) => !unticked.has(st.id)).map((st) => st.id);
  const [, enter] = useMutation(ENTER_STUDENTS);
  return (
    <CommandForm
      fields={['studentIds']}
      submitLabel={s.enterMany(chosen.length)}
      done={s.enteredMany(chosen.length)}
      onDone={onDone}
      check={(): Record<string, string> => (chosen.length ? {} : { studentIds: s.pickSome })}
      run={() => enter({ input: { stageId: stage.id, studentIds: chosen } })}
    >
      {(errors) => (
        <>
          <Text size="sm" c="dimmed">
            {s.enterManyHint}
          </Text>
          {students.length ? (
            <Checkbox.Group
              label={c.student}
              value={chosen}
              onChange={(v) => setUnticked(new Set(students.filter((st) => !v.includes(st.id)).map((st) => st.id)))}
              error={errors['studentIds']}
            >
              <Stack gap={6} mt={6}>
                {students.map((st) => (
                  <Checkbox key={st.id} value={st.id} label={`${studentName(st) ?? st.id}, ${st.grade} ${c.grade.toLowerCase()}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : (
            <Text size="sm">{s.noneToEnter}</Text>
          )}
          <Group gap="xs">
            <Button size="xs" variant="subtle" onClick={() => setUnticked(new Set())}>
              {s.tickAll}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setUnticked(new Set(students.map((st) => st.id)))}>
              {s.untickAll}
            </Button>
          </Group>
        </>
      )}
    </CommandForm>
  );
};
