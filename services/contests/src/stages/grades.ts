/** The ВсОШ levels and the grades each admits (order 678, п. 2–4). */
export type StageLevel = 'SCHOOL' | 'MUNICIPAL' | 'REGIONAL';

export const LEVELS: readonly StageLevel[] = ['SCHOOL', 'MUNICIPAL', 'REGIONAL'];

export const LEVEL_GRADES: Record<StageLevel, { min: number; max: number }> = {
  SCHOOL: { min: 4, max: 11 },
  MUNICIPAL: { min: 7, max: 11 },
  REGIONAL: { min: 9, max: 11 },
};

/** The stage a level hands its results to (the admission list is for it). */
export const NEXT_LEVEL: Record<StageLevel, StageLevel | null> = { SCHOOL: 'MUNICIPAL', MUNICIPAL: 'REGIONAL', REGIONAL: null };

export const PREVIOUS_LEVEL: Record<StageLevel, StageLevel | null> = { SCHOOL: null, MUNICIPAL: 'SCHOOL', REGIONAL: 'MUNICIPAL' };

export interface TaskDef {
  taskId: string;
  maxPoints: number;
  /** Two scores this far apart (or more) send the task to a third juror (DOUBLE scoring). */
  thirdCheckThreshold: number;
}

/** Grades that sit the same tasks and are ranked together: one partition of the stage. */
export interface GradeGroup {
  groupId: string;
  grades: number[];
  tasks: TaskDef[];
}

export const levelAdmits = (level: StageLevel, grade: number) => grade >= LEVEL_GRADES[level].min && grade <= LEVEL_GRADES[level].max;

/** The group whose tasks a student competing for `grade` sits, if any. */
export const groupOfGrade = (groups: readonly GradeGroup[], grade: number): GradeGroup | undefined => groups.find((g) => g.grades.includes(grade));

export const maxScoreOf = (group: Pick<GradeGroup, 'tasks'>) => group.tasks.reduce((sum, t) => sum + t.maxPoints, 0);

/**
 * The grade a student may compete for: their own or an older one (order 678, п. 37), and at a
 * later stage of the same year never below the grade they competed for before.
 */
export const gradeRefusal = (
  level: StageLevel,
  grade: { competing: number; own: number; earlier?: number | null },
): { code: string; message: string } | null => {
  if (!levelAdmits(level, grade.competing)) {
    const { min, max } = LEVEL_GRADES[level];
    return { code: 'GRADE_NOT_IN_STAGE', message: `the ${level.toLowerCase()} stage admits grades ${min}–${max} (got ${grade.competing})` };
  }
  if (grade.competing < grade.own) return { code: 'GRADE_BELOW_OWN', message: `a student of grade ${grade.own} cannot compete for grade ${grade.competing}` };
  if (grade.earlier != null && grade.competing < grade.earlier) {
    return { code: 'GRADE_BELOW_EARLIER', message: `this year the student competed for grade ${grade.earlier}; later stages keep it or higher` };
  }
  return null;
};
