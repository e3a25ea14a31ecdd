// One email to one recipient for one table item, built only when it is about to be sent.
import type { OutgoingEmail } from './compose.ts';

export interface Delivery {
  /** Who, for this item: one email per item and recipient. */
  recipient: string;
  build: () => Promise<OutgoingEmail>;
}
