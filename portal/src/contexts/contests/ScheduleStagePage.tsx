import { Button } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { t } from '../../i18n/ru';
import { Page } from '../../ui/Page';
import { stagesBase } from './contests-ui';
import { StageForm } from './StageForm';

/** A new stage: a municipality's school or municipal stage (its methodologist), or the regional stage (the operator). */
export const ScheduleStagePage = () => {
  const { municipalityId } = useParams();
  const navigate = useNavigate();
  const base = stagesBase(municipalityId);
  return (
    <Page
      title={t.contests.stageForm.newTitle}
      actions={
        <Button variant="default" component={Link} to={base} leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {t.contests.stages.back}
        </Button>
      }
    >
      <StageForm levels={municipalityId ? ['SCHOOL', 'MUNICIPAL'] : ['REGIONAL']} onDone={(id) => navigate(`${base}/${encodeURIComponent(id)}`)} />
    </Page>
  );
};
