/** What a plan holds, counted, and its records in plan order. */
import type { EducatorPlan, MunicipalityPlan, OrganizationKind, OrganizationPlan, PlanTotals, QualificationCategory, RegionPlan } from '../region-model';

export const planTotals = (municipalities: readonly MunicipalityPlan[]): PlanTotals => {
  const organizationsByKind: Record<OrganizationKind, number> = { SCHOOL: 0, KINDERGARTEN: 0, ADDITIONAL_EDUCATION: 0, OTHER: 0 };
  const educatorsByCategory: Record<QualificationCategory, number> = { NONE: 0, FIRST: 0, HIGHEST: 0, METHODIST: 0, MENTOR: 0 };
  let organizations = 0;
  let educators = 0;
  let youngTeachers = 0;
  for (const m of municipalities) {
    for (const o of m.organizations) {
      organizations++;
      organizationsByKind[o.input.kind]++;
      for (const e of o.educators) {
        educators++;
        if (e.isYoungTeacher) youngTeachers++;
        educatorsByCategory[e.input.qualificationCategory]++;
      }
    }
  }
  return { municipalities: municipalities.length, organizations, organizationsByKind, educators, youngTeachers, educatorsByCategory };
};

/** Every organisation of the plan, in plan order. */
export function* planOrganizations(plan: RegionPlan): Generator<OrganizationPlan> {
  for (const m of plan.municipalities) yield* m.organizations;
}

/** Every educator of the plan, in plan order. */
export function* planEducators(plan: RegionPlan): Generator<EducatorPlan> {
  for (const m of plan.municipalities) for (const o of m.organizations) yield* o.educators;
}
