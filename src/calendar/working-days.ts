import { ukCalendarDate } from '../answers/is-in-pre-election-period.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A working day in the UK: Monday to Friday, and not a bank holiday (dates as YYYY-MM-DD). */
export function isWorkingDay(moment: Date, bankHolidays: ReadonlySet<string>): boolean {
  const date = ukCalendarDate(moment);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays.has(date);
}

/** The moment `days` working days after `from`, at the same time of day: weekends and bank holidays do not count. */
export function addWorkingDays(from: Date, days: number, bankHolidays: ReadonlySet<string>): Date {
  let moment = from.getTime();
  let counted = 0;
  while (counted < days) {
    moment += DAY_MS;
    if (isWorkingDay(new Date(moment), bankHolidays)) counted += 1;
  }
  return new Date(moment);
}
