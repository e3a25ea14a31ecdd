// SES bounce and complaint events (configuration set → SNS topic → functions/ses-feedback.ts):
// every address that bounced for good, or whose owner complained, is recorded as
// suppressed, so the mailer sends it nothing more and the careers lead's dashboard can say
// so. Transient bounces (mailbox full, greylisting) suppress nothing: SES retries those itself.
import * as z from 'zod'; // the namespace import lets esbuild drop what is unused (`{ z }` keeps all of zod, ~440 KB)
import { logger } from '#shared/log.ts';
import type { Store } from '#shared/store/client.ts';
import { recordSuppression, type SuppressionReport } from '#shared/store/suppressions.ts';

const recipient = z.object({ emailAddress: z.string().min(3) }).loose();

/** The parts of SES's event (or identity notification) JSON this function reads. */
const sesMessage = z
  .object({
    // Configuration set events say `eventType`; identity notifications `notificationType`.
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    mail: z.object({ messageId: z.string().optional(), timestamp: z.string().optional() }).loose().optional(),
    bounce: z
      .object({
        bounceType: z.string(),
        bounceSubType: z.string().optional(),
        timestamp: z.string().optional(),
        bouncedRecipients: z.array(recipient.extend({ diagnosticCode: z.string().optional(), status: z.string().optional() })),
      })
      .loose()
      .optional(),
    complaint: z
      .object({
        timestamp: z.string().optional(),
        complaintFeedbackType: z.string().optional(),
        complainedRecipients: z.array(recipient),
      })
      .loose()
      .optional(),
  })
  .loose();

/** The suppressions one SES message asks for (none for transient bounces or other events). */
export function suppressionsFrom(message: unknown, now = new Date()): SuppressionReport[] {
  const parsed = sesMessage.safeParse(message);
  if (!parsed.success) return [];
  const m = parsed.data;
  const type = m.eventType ?? m.notificationType;
  const messageId = m.mail?.messageId;
  if (type === 'Bounce' && m.bounce?.bounceType === 'Permanent') {
    const b = m.bounce;
    return b.bouncedRecipients.map((r) => ({
      email: r.emailAddress,
      reason: 'bounce' as const,
      at: b.timestamp ?? now.toISOString(),
      detail: [`${b.bounceType}/${b.bounceSubType ?? 'General'}`, r.status, r.diagnosticCode].filter(Boolean).join(': ').slice(0, 500),
      ...(messageId ? { messageId } : {}),
    }));
  }
  if (type === 'Complaint' && m.complaint) {
    const c = m.complaint;
    return c.complainedRecipients.map((r) => ({
      email: r.emailAddress,
      reason: 'complaint' as const,
      at: c.timestamp ?? now.toISOString(),
      detail: `Complaint${c.complaintFeedbackType ? `/${c.complaintFeedbackType}` : ''}`,
      ...(messageId ? { messageId } : {}),
    }));
  }
  return [];
}

/** One notification as SNS delivered it: its id (for the log) and its message, not yet parsed. */
export interface SesNotification {
  id: string;
  message: string;
}

/** Records the suppressions a batch of notifications asks for; how many. */
export async function recordSesFeedback(store: Store, notifications: readonly SesNotification[], now = new Date()): Promise<{ suppressed: number }> {
  let suppressed = 0;
  for (const { id, message: raw } of notifications) {
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      logger.warn('SES feedback: the SNS message is not JSON; ignored', { messageId: id });
      continue;
    }
    const found = suppressionsFrom(message, now);
    if (found.length === 0) {
      logger.info('SES feedback: nothing to suppress', { messageId: id });
      continue;
    }
    // A failed write throws: Lambda retries the asynchronous invocation, then its dead-letter queue keeps it.
    for (const s of found) {
      await recordSuppression(store, s);
      // No address in the log (the store keeps only its hash): SES's message id traces it.
      logger.warn('address suppressed after SES feedback', { reason: s.reason, sesMessageId: s.messageId });
      suppressed++;
    }
  }
  return { suppressed };
}
