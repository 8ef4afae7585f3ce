/**
 * Word lists for the professional-development part of the demo region: the programme
 * catalogue, courses taken outside it, reasons and mentoring goals. Plausible, not real:
 * the providers are named after the usual kinds of institutions (a regional institute of
 * in-service training, an institute of education development, the federal academy, a
 * municipal methodological centre), not after any particular one.
 *
 * The lists live in pd-dictionaries/, one file per concern; the plan imports them from here.
 */
export * from './pd-dictionaries/external-courses';
export * from './pd-dictionaries/municipal-programmes';
export * from './pd-dictionaries/programme-terms';
export * from './pd-dictionaries/providers';
export * from './pd-dictionaries/reasons-and-goals';
export * from './pd-dictionaries/regional-programmes';
