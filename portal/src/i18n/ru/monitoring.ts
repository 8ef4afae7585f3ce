/** Monitoring's strings: indicators, the regional dashboard. */
export const monitoring = {
  nav: {} as Record<string, string>,
  enums: {} as Record<string, Record<string, string>>,
  errorCodes: {} as Record<string, string>,
};
