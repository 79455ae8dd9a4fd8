import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');

export const bankHolidaysFileSchema = z.strictObject({
  dates: z.array(z.strictObject({ date: isoDate, name: z.string().trim().min(1) })),
});
