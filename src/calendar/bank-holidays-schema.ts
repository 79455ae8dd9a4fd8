import { z } from 'zod';
import { isoDate, nonEmptyText } from '../policies/schema-primitives.js';


export const bankHolidaysFileSchema = z.strictObject({
  dates: z.array(z.strictObject({ date: isoDate, name: nonEmptyText })),
});
