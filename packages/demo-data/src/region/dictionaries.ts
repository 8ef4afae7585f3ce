/**
 * Word lists for the demo region. Plausible, not real: any likeness to an actual
 * municipality, school or person is a coincidence of common Russian names.
 *
 * The lists live in dictionaries/, one file per concern (people, places, organisations,
 * positions); the model imports them from here.
 */
export * from './dictionaries/organizations';
export * from './dictionaries/people';
export * from './dictionaries/places';
export * from './dictionaries/positions';
