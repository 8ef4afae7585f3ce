import type { RequestContext } from '@mms/auth';
import { HistoryEntry, readHistory } from '@mms/service-kit/core';
import { readableEducator } from '../educators/educator.queries';
import type { PdDeps } from '../pd.deps';
import { streams } from '../pd.streams';

export const DEVELOPMENT_HISTORY: Record<string, string> = {
  DiagnosticResultRecorded: 'Записан результат диагностики',
  DeficitIdentified: 'Выявлен профессиональный дефицит',
  DeficitResolved: 'Дефицит устранён',
  RouteProposed: 'Предложен индивидуальный образовательный маршрут',
  RouteItemAdded: 'В маршрут добавлен пункт',
  RouteItemChanged: 'Пункт маршрута изменён',
  RouteItemRemoved: 'Пункт маршрута удалён',
  RouteApproved: 'Маршрут утверждён',
  RouteReturnedToDraft: 'Маршрут возвращён в черновик',
  RouteItemDone: 'Пункт маршрута выполнен',
  ExternalTrainingRecorded: 'Записано обучение вне каталога',
};

/**
 * The route's history: every event of the educator's development stream (diagnostics and
 * deficits it is built from, trainings from elsewhere), wherever the stream lives, for
 * whoever may read the educator now.
 */
export const routeHistory = async (d: PdDeps, req: RequestContext, r: { educatorId: string }): Promise<HistoryEntry[]> => {
  if ((await readableEducator(d, req, r.educatorId)) === false) return [];
  return readHistory(d.store, d.vault, { streamId: streams.development(r.educatorId) }, { describe: DEVELOPMENT_HISTORY, hiddenFields: ['educatorId'] });
};
