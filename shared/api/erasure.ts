// The erasure contract (platform admins): POST /api/admin/erasure {email}.
import * as z from 'zod';

export const erasureBody = z.strictObject({
  email: z.email('Enter the email address of the person to erase, like name@college.ac.uk.').max(254),
});
export type ErasureBody = z.output<typeof erasureBody>;
