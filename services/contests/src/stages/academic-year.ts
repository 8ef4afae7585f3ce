/** The academic year a day falls in (1 September – 31 August), labelled "2026/2027". */
export const academicYearOf = (isoDate: string) => {
  const year = Number(isoDate.slice(0, 4));
  const start = Number(isoDate.slice(5, 7)) >= 9 ? year : year - 1;
  return `${start}/${start + 1}`;
};
