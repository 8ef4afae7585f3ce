import { Alert, Badge, Button, Checkbox, Group, Menu, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconChevronDown, IconList, IconPlus } from '@tabler/icons-react';
import { ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation } from 'urql';
import { usePaged } from '../../api/paged';
import { useSession } from '../../auth/session';
import type { StudentRowFragment } from '../../gql/graphql';
import { formatDate, regionToday } from '../../i18n/format';
import { t } from '../../i18n/ru';
import { DataTable } from '../../ui/DataTable';
import { HistoryButton } from '../../ui/HistoryButton';
import { Page } from '../../ui/Page';
import { CommandForm, confirm, report, studentName } from './contests-ui';
import { studentChanges } from './students-helpers';
import { ClassListForm } from './ClassListForm';
import { CHANGE_STUDENT, ERASE_STUDENT, RECORD_CONSENT, REGISTER_STUDENT, STUDENT_HISTORY, STUDENTS, WITHDRAW_CONSENT } from './operations';

const s = t.contests.students;
const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));
const nameOf = (st: StudentRowFragment) => studentName(st) ?? st.id;

/** Registering a student (surname, name, patronymic, birth date if known, grade), or changing their record. */
const StudentForm = ({ existing, onDone }: { existing?: StudentRowFragment; onDone: () => void }) => {
  const [surname, setSurname] = useState(existing?.surname ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [patronymic, setPatronymic] = useState(existing?.patronymic ?? '');
  const [birthDate, setBirthDate] = useState(existing?.birthDate ?? '');
  const [grade, setGrade] = useState<string | null>(existing ? String(existing.grade) : null);
  const [, register] = useMutation(REGISTER_STUDENT);
  const [, change] = useMutation(CHANGE_STUDENT);
  const erased = !!existing && existing.surname === null;
  return (
    <CommandForm
      fields={['surname', 'name', 'patronymic', 'birthDate', 'grade']}
      submitLabel={existing ? t.app.save : s.register}
      done={existing ? s.saved : s.registered}
      onDone={onDone}
      check={() => {
        const p: Record<string, string> = {};
        if (!erased && !surname.trim()) p['surname'] = t.contests.common.required;
        if (!erased && !name.trim()) p['name'] = t.contests.common.required;
        if (!grade) p['grade'] = t.contests.common.required;
        if (existing && !studentChanges(existing, { surname, name, patronymic, birthDate, grade: Number(grade) })) p['grade'] = s.nothingChanged;
        return p;
      }}
      run={() => {
        if (!existing)
          return register({
            input: {
              surname: surname.trim(),
              name: name.trim(),
              grade: Number(grade),
              ...(patronymic.trim() ? { patronymic: patronymic.trim() } : {}),
              ...(birthDate ? { birthDate } : {}),
            },
          });
        const changes = studentChanges(existing, { surname, name, patronymic, birthDate, grade: Number(grade) })!;
        return change({ input: { studentId: existing.id, ...changes } });
      }}
    >
      {(errors) => (
        <>
          {!erased && (
            <>
              <TextInput
                label={s.surname}
                required
                value={surname}
                onChange={(e) => setSurname(e.currentTarget.value)}
                error={errors['surname']}
                data-autofocus
              />
              <TextInput label={s.name} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['name']} />
              <TextInput
                label={s.patronymic}
                description={s.patronymicHint}
                value={patronymic}
                onChange={(e) => setPatronymic(e.currentTarget.value)}
                error={errors['patronymic']}
              />
              <TextInput
                type="date"
                label={s.birthDate}
                description={s.birthDateHint}
                max={regionToday()}
                value={birthDate}
                onChange={(e) => setBirthDate(e.currentTarget.value)}
                error={errors['birthDate']}
              />
            </>
          )}
          <Select label={s.grade} required allowDeselect={false} data={GRADES} value={grade} onChange={setGrade} error={errors['grade']} maw={160} />
        </>
      )}
    </CommandForm>
  );
};

/** The parents' consent: the day it was signed, to participate, to publish results with a name, to publish the work. */
const ConsentForm = ({ student, onDone }: { student: StudentRowFragment; onDone: () => void }) => {
  const was = student.consent;
  const [signedOn, setSignedOn] = useState(was?.signedOn ?? regionToday());
  const [participation, setParticipation] = useState(was?.participation ?? true);
  const [publishResults, setPublishResults] = useState(was?.publishResults ?? false);
  const [publishWork, setPublishWork] = useState(was?.publishWork ?? false);
  const [, record] = useMutation(RECORD_CONSENT);
  return (
    <CommandForm
      fields={['signedOn', 'participation', 'publishResults', 'publishWork']}
      submitLabel={t.app.save}
      done={s.consentRecorded}
      onDone={onDone}
      check={() => {
        const p: Record<string, string> = {};
        if (!signedOn) p['signedOn'] = t.contests.common.required;
        if (!participation && (publishResults || publishWork)) p['participation'] = s.publishNeedsParticipation;
        return p;
      }}
      run={() => record({ input: { studentId: student.id, signedOn, participation, publishResults, publishWork } })}
    >
      {(errors) => (
        <>
          <TextInput
            type="date"
            label={s.signedOn}
            required
            max={regionToday()}
            value={signedOn}
            onChange={(e) => setSignedOn(e.currentTarget.value)}
            error={errors['signedOn']}
            data-autofocus
          />
          <Checkbox
            label={s.participation}
            checked={participation}
            onChange={(e) => setParticipation(e.currentTarget.checked)}
            error={errors['participation']}
          />
          <Checkbox
            label={s.publishResults}
            checked={publishResults}
            onChange={(e) => setPublishResults(e.currentTarget.checked)}
            error={errors['publishResults']}
          />
          <Checkbox label={s.publishWork} checked={publishWork} onChange={(e) => setPublishWork(e.currentTarget.checked)} error={errors['publishWork']} />
        </>
      )}
    </CommandForm>
  );
};

/** Erasure (crypto-shredding) names its consequence and asks for an explicit tick before the irreversible button works. */
const EraseForm = ({ student, onDone }: { student: StudentRowFragment; onDone: () => void }) => {
  const [understood, setUnderstood] = useState(false);
  const [, erase] = useMutation(ERASE_STUDENT);
  return (
    <CommandForm
      fields={[]}
      submitLabel={s.eraseConfirm}
      submitColor="red"
      disabled={!understood}
      done={s.erasedDone}
      onDone={onDone}
      run={() => erase({ studentId: student.id })}
    >
      {() => (
        <>
          <Alert color="red" role="note">
            {s.eraseConsequence(nameOf(student))}
          </Alert>
          <Checkbox label={s.eraseConfirmLabel} checked={understood} onChange={(e) => setUnderstood(e.currentTarget.checked)} />
        </>
      )}
    </CommandForm>
  );
};

const consentText = (st: StudentRowFragment) =>
  st.consent?.participation
    ? `${s.consentParts(st.consent.publishResults, st.consent.publishWork)} (${s.consentSigned(formatDate(st.consent.signedOn))})`
    : s.noConsent;

/**
 * The school's students for olympiads: the coordinator registers them (minimal personal data),
 * changes a record, records or withdraws the parents' consent and erases a student's personal
 * data; the municipality's methodologist reads the list.
 */
export const StudentsPage = () => {
  const { organizationId = '' } = useParams();
  const { session } = useSession();
  const coordinator = session?.claims.role === 'school_coordinator';
  const list = usePaged(STUDENTS, { organizationId }, (d) => d.studentsPage);
  const [, withdraw] = useMutation(WITHDRAW_CONSENT);
  const open = (title: string, children: ReactNode) => modals.open({ title, children, size: 'lg' });
  const schoolName = list.nodes[0]?.school.name;

  return (
    <Page
      title={schoolName ? `${s.title}: ${schoolName}` : s.title}
      intro={coordinator ? s.intro : s.readOnly}
      actions={
        coordinator && (
          <>
            <Button leftSection={<IconList size={16} aria-hidden />} onClick={() => open(s.registerClassTitle, <ClassListForm onDone={list.reload} />)}>
              {s.registerClass}
            </Button>
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open(s.registerTitle, <StudentForm onDone={list.reload} />)}>
              {s.register}
            </Button>
          </>
        )
      }
    >
      <DataTable
        caption={s.title}
        fileName="students"
        paged={list}
        rowKey={(st) => st.id}
        empty={s.empty}
        columns={[
          {
            title: s.fullName,
            value: (st) => (studentName(st) ?? '') + (st.possibleDuplicate ? ` (${s.possibleDuplicate.toLowerCase()})` : ''),
            render: (st) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm" c={st.erased ? 'dimmed' : undefined}>
                  {studentName(st) ?? '—'}
                </Text>
                {st.possibleDuplicate && (
                  <Tooltip label={s.possibleDuplicateHint}>
                    <Badge color="orange" leftSection={<IconAlertTriangle size={12} aria-hidden />} tabIndex={0}>
                      {s.possibleDuplicate}
                    </Badge>
                  </Tooltip>
                )}
              </Group>
            ),
          },
          { title: s.grade, value: (st) => st.grade },
          { title: s.birthDate, value: (st) => (st.birthDate ? formatDate(st.birthDate) : null) },
          {
            title: s.consent,
            value: consentText,
            render: (st) =>
              st.consent?.participation ? (
                <Stack gap={0}>
                  <Text size="sm">{s.consentParts(st.consent.publishResults, st.consent.publishWork)}</Text>
                  <Text size="xs" c="dimmed">
                    {s.consentSigned(formatDate(st.consent.signedOn))}
                  </Text>
                </Stack>
              ) : (
                <Badge color="gray">{s.noConsent}</Badge>
              ),
          },
          {
            title: '',
            exported: false,
            value: () => null,
            render: (st) => (
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <HistoryButton title={nameOf(st)} query={STUDENT_HISTORY} variables={{ id: st.id }} pick={(d) => d.student?.history} />
                {coordinator && (
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button size="xs" variant="light" rightSection={<IconChevronDown size={14} aria-hidden />} aria-label={s.actionsFor(nameOf(st))}>
                        {t.app.actions}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => open(`${s.editTitle}: ${nameOf(st)}`, <StudentForm existing={st} onDone={list.reload} />)}>{s.edit}</Menu.Item>
                      {!st.erased && (
                        <Menu.Item onClick={() => open(`${s.consentTitle}: ${nameOf(st)}`, <ConsentForm student={st} onDone={list.reload} />)}>
                          {s.recordConsent}
                        </Menu.Item>
                      )}
                      {st.consent && (
                        <Menu.Item
                          onClick={() =>
                            confirm({
                              title: s.withdrawConsentTitle,
                              text: s.withdrawConsentText(nameOf(st)),
                              action: s.withdrawConsent,
                              danger: true,
                              run: async () => {
                                if (report((await withdraw({ studentId: st.id })).error, s.consentWithdrawn)) list.reload();
                              },
                            })
                          }
                        >
                          {s.withdrawConsent}
                        </Menu.Item>
                      )}
                      {!st.erased && (
                        <Menu.Item color="red" onClick={() => open(s.eraseTitle, <EraseForm student={st} onDone={list.reload} />)}>
                          {s.erase}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                )}
              </Group>
            ),
          },
        ]}
      />
    </Page>
  );
};
