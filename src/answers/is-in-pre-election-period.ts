import type { PreElectionPeriod } from '../policies/policy-pack.js';

/** The period that today falls in (dates inclusive, as the council's own calendar day in the UK), if any. */
export function findCurrentPreElectionPeriod(
  periods: readonly PreElectionPeriod[],
  now: Date,
): PreElectionPeriod | undefined {
  const today = ukCalendarDate(now);
  return periods.find((period) => period.from <= today && today <= period.to);
}

// Made once: building a DateTimeFormat costs far more than using one.
const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export function ukCalendarDate(moment: Date): string {
  return UK_DATE.format(moment);
}
