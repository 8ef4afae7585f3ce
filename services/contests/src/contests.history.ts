import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import type { ContestsDeps } from './contests.deps';

/** Every event of the context in words (one table: the streams share the history type). */
export const CONTESTS_HISTORY: Record<string, string> = {
  StageScheduled: 'Этап олимпиады назначен',
  StagePlanChanged: 'Изменены сроки или задания этапа',
  StageSettingsChanged: 'Изменены параметры этапа',
  JuryAppointed: 'Утверждено жюри',
  PassingScoresSet: 'Установлены проходные баллы',
  StageCancelled: 'Этап отменён',
  StudentRegistered: 'Обучающийся зарегистрирован',
  StudentDetailsChanged: 'Изменены данные обучающегося',
  StudentMovedSchool: 'Обучающийся перешёл в другую школу',
  ConsentRecorded: 'Записано согласие родителя',
  ConsentWithdrawn: 'Согласие родителя отозвано',
  StudentErased: 'Персональные данные удалены',
  WorksAssigned: 'Работы распределены между членами жюри',
  ScoresRecorded: 'Внесены баллы',
  ProtocolPublished: 'Опубликован предварительный протокол',
  AppealFiled: 'Подана апелляция',
  AppealDecided: 'Апелляция рассмотрена',
  WorkDisqualified: 'Работа аннулирована',
  ProtocolRevised: 'Протокол пересчитан',
  ProtocolApproved: 'Утверждён итоговый протокол',
  PriorResultsRecorded: 'Внесены победители и призёры прошлого года',
};

/** A stream's history; big lists (protocol rows, marks, assignments) are left out of `changes`. */
export const historyOf = (d: ContestsDeps, tenantId: string, streamId: string): Promise<HistoryEntry[]> =>
  readHistory(
    d.store,
    d.vault,
    { tenantId, streamId },
    {
      describe: CONTESTS_HISTORY,
      hiddenFields: [
        'stageId',
        'groupId',
        'studentId',
        'schoolId',
        'municipalityId',
        'rows',
        'marks',
        'works',
        'assignments',
        'unassigned',
        'groups',
        'members',
        'personal',
        'duplicateKey',
      ],
    },
  );
