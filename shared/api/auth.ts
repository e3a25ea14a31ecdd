// The sign-in contract: an email asks for a link; a link's token becomes a session.
import * as z from 'zod';

export const signInBody = z.strictObject({
  email: z.email('Enter an email address in the right format, like name@school.sch.uk.').max(254),
});

export const sessionBody = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not complete. Copy the whole link from the email.'),
});
