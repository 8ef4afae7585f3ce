import { DomainError } from '@mms/eventsourcing/core';

/** The refusals of the mechanism itself (HTTP: 409, 409, 413, 400, 422). */
export const importRefused = {
  inProgress: (importId: string) =>
    new DomainError('IMPORT_IN_PROGRESS', `import ${importId} is being received right now; wait for it or use a new importId`, { importId }),
  reused: (importId: string) => new DomainError('IMPORT_ID_REUSED', `import ${importId} was already run with another file; use a new importId`, { importId }),
  tooLarge: (importId: string, what: string) => new DomainError('TOO_LARGE', `import ${importId}: ${what}; split the file`, { importId }),
  interrupted: (importId: string, why: string) =>
    new DomainError('UPLOAD_INTERRUPTED', `import ${importId}: the file did not arrive whole (${why}); nothing was applied, send it again`, { importId }),
  badFile: (importId: string, why: string) =>
    new DomainError('BAD_FILE', `import ${importId}: the file cannot be read (${why}); nothing was applied`, { importId }),
};
