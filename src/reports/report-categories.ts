/** Report category ids: stable, shared by every pack's reports.yaml, the CLI and stored reports. Never rename one. */
export const REPORT_CATEGORIES = [
  'harassment',
  'colleague-bullying',
  'policy-breach',
  'data-breach',
  'safeguarding',
  'own-mistake',
  'press-contact',
  'misinformation',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

export const REPORTER_ROLES = ['employee', 'member'] as const;
export type ReporterRole = (typeof REPORTER_ROLES)[number];

export function isReportCategory(value: string): value is ReportCategory {
  return (REPORT_CATEGORIES as readonly string[]).includes(value);
}
