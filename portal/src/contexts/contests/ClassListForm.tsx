import { Alert, FileButton, Button, Group, List, Select, Text, Textarea } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useState } from 'react';
import { useMutation } from 'urql';
import { t } from '../../i18n/ru';
import { CommandForm } from './contests-ui';
import { REGISTER_STUDENTS } from './operations';
import { parseClassList } from './students-helpers';

const s = t.contests.students;
const GRADES = Array.from({ length: 11 }, (_, i) => String(i + 1));

/**
 * A whole class at once: the list pasted (from a spreadsheet or a text file), one student a line
 * with an optional birth date, and the class. The API checks every line before registering any,
 * so a refused list leaves nothing half-registered.
 */
export const ClassListForm = ({ onDone }: { onDone: () => void }) => {
  const [text, setText] = useState('');
  const [grade, setGrade] = useState<string | null>(null);
  const [, register] = useMutation(REGISTER_STUDENTS);
  const list = parseClassList(text);
  return (
    <CommandForm
      fields={['grade', 'students']}
      submitLabel={s.registerList(list.students.length)}
      done={s.listRegistered(list.students.length)}
      onDone={onDone}
      check={() => {
        const p: Record<string, string> = {};
        if (!grade) p['grade'] = t.contests.common.required;
        if (!list.students.length) p['students'] = s.listEmpty;
        else if (list.problems.length) p['students'] = s.listHasProblems;
        return p;
      }}
      run={() =>
        register({
          input: {
            students: list.students.map((x) => ({
              surname: x.surname,
              name: x.name,
              grade: Number(grade),
              ...(x.patronymic ? { patronymic: x.patronymic } : {}),
              ...(x.birthDate ? { birthDate: x.birthDate } : {}),
            })),
          },
        })
      }
    >
      {(errors) => (
        <>
          <Select
            label={s.grade}
            required
            allowDeselect={false}
            data={GRADES}
            value={grade}
            onChange={setGrade}
            error={errors['grade']}
            maw={160}
            data-autofocus
          />
          <Textarea
            label={s.classList}
            description={s.classListHint}
            required
            autosize
            minRows={6}
            maxRows={16}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={errors['students']}
          />
          <Group gap="sm">
            <FileButton accept=".txt,.csv,text/plain,text/csv" onChange={(f) => void f?.text().then(setText)}>
              {(props) => (
                <Button {...props} variant="default" size="xs" leftSection={<IconFileText size={14} aria-hidden />}>
                  {s.classListFile}
                </Button>
              )}
            </FileButton>
            <Text size="sm" role="status" aria-live="polite">
              {s.listCount(list.students.length)}
            </Text>
          </Group>
          {list.problems.length > 0 && (
            <Alert color="red" title={s.listProblems}>
              <List size="sm">
                {list.problems.map((x) => (
                  <List.Item key={x.line}>{s.listProblem(x.line, x.problem === 'NAME' ? s.listNoName : s.listBadDate, x.text)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </>
      )}
    </CommandForm>
  );
};
