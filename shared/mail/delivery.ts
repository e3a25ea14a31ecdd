// One email to one recipient for one table item, built only when it is about to be sent.
import type { Address, OutgoingEmail } from './compose.ts';

/** Whom an email is for, as the item sees them: the school's careers lead, the provider's contact, or a person signing in. */
export type DeliveryRole = 'lead' | 'provider' | 'user';

export interface Delivery {
  /**
   * One email per item and role. The mail log's once-only claim is keyed by the role, not
   * the address: the address can change between retries (a lead replaced in settings, an
   * erased contact), and the markers already written are keyed this way.
   */
  role: DeliveryRole;
  /** The one address it goes to: checked against the suppressions before anything is built. */
  to: Address;
  /** The message itself; its recipient is always `to`. */
  build: () => Promise<EmailContent>;
}

/** An email without its recipient (the delivery's `to` is the only one). */
export type EmailContent = Omit<OutgoingEmail, 'to'>;
