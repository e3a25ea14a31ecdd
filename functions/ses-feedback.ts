// SES bounce and complaint events, through the configuration set's SNS topic: each SNS
// record's message goes to the use case that records the suppressions it asks for
// (shared/usecases/ses-feedback.ts).
import type { SNSEvent } from 'aws-lambda';
import { storeFromEnv, type Store } from '#shared/usecases/store.ts';
import { recordSesFeedback } from '#shared/usecases/ses-feedback.ts';

export function sesFeedback(store: Store, event: SNSEvent, now = new Date()): Promise<{ suppressed: number }> {
  return recordSesFeedback(store, event.Records.map((r) => ({ id: r.Sns.MessageId, message: r.Sns.Message })), now);
}

export const handler = (event: SNSEvent) => sesFeedback(storeFromEnv(), event);
