// Invitations to providers to book a cohort's open slots (issue 16, item 2), in the
// school's partition: one record per invitation (who was invited, when), and one marker per
// provider and cohort holding when it was last invited, so a provider is invited at most
// once a week for a cohort. The records, the markers and one outbox email per provider are
// written in one transaction: all of them, or none.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CoverageInvitationMessage, CoverageInvitationRecord } from '#shared/domain/records.ts';
import type { Store } from './client.ts';
import { newId } from './ids.ts';
import { fromItem, schoolPartition, sortKeyBeginsWith } from './keys.ts';
import { outboxItem } from './outbox.ts';
import { transact, TransactionCancelled, type TransactItems } from './transact.ts';

const invitationPrefix = (year8AcademicYear: number) => `COVINV#${year8AcademicYear}#`;
const invitationKey = (urn: string, year8AcademicYear: number, sentAt: string, id: string) => ({ pk: schoolPartition(urn), sk: `${invitationPrefix(year8AcademicYear)}${sentAt}#${id}` });
const markerKey = (urn: string, year8AcademicYear: number, providerId: string) => ({ pk: schoolPartition(urn), sk: `COVINVTO#${year8AcademicYear}#${providerId}` });

/** When each provider was last invited for a cohort, by provider id. */
export async function lastInvitedOf(store: Store, urn: string, year8AcademicYear: number): Promise<Map<string, string>> {
  const answer = await store.doc.send(
    new QueryCommand({ TableName: store.tableName, ...sortKeyBeginsWith(schoolPartition(urn), `COVINVTO#${year8AcademicYear}#`) }),
  );
  return new Map((answer.Items ?? []).map((i) => [String(i.providerId), String(i.sentAt)]));
}

/** The latest invitation of each cohort of the school: one query of the school's invitations, newest first. */
export async function latestInvitations(store: Store, urn: string): Promise<CoverageInvitationRecord[]> {
  const answer = await store.doc.send(new QueryCommand({ TableName: store.tableName, ...sortKeyBeginsWith(schoolPartition(urn), 'COVINV#'), ScanIndexForward: false }));
  const latest = new Map<number, CoverageInvitationRecord>();
  for (const item of answer.Items ?? []) {
    const record = fromItem<CoverageInvitationRecord>(item);
    const seen = latest.get(record.year8AcademicYear);
    if (!seen || seen.sentAt < record.sentAt) latest.set(record.year8AcademicYear, record);
  }
  return [...latest.values()];
}

/** Thrown when a provider was invited for the cohort since `notBefore`: its id. */
export class InvitedRecently extends Error {
  readonly providerId: string;
  constructor(providerId: string) {
    super(`provider ${providerId} was invited recently`);
    this.name = 'InvitedRecently';
    this.providerId = providerId;
  }
}

/**
 * Records the invitation and queues one email per provider, in one transaction. Each
 * provider's marker (the school's day it was invited, `sentOn`) is written only when it was
 * last invited before the day `notBefore`; otherwise nothing is written and InvitedRecently
 * names the first provider at fault.
 */
export async function recordInvitation(
  store: Store,
  record: Omit<CoverageInvitationRecord, 'id'>,
  messages: readonly (CoverageInvitationMessage & { providerId: string })[],
  week: { sentOn: string; notBefore: string },
  now = new Date(),
): Promise<CoverageInvitationRecord> {
  const invitation: CoverageInvitationRecord = { id: newId(now.getTime()), ...record };
  const items: TransactItems = [
    { Put: { TableName: store.tableName, Item: { ...invitationKey(record.urn, record.year8AcademicYear, record.sentAt, invitation.id), itemType: 'coverageInvitation', ...invitation }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
  for (const { providerId, ...message } of messages) {
    items.push({
      Put: {
        TableName: store.tableName,
        Item: { ...markerKey(record.urn, record.year8AcademicYear, providerId), itemType: 'coverageInvitationMarker', providerId, sentAt: record.sentAt, sentOn: week.sentOn, invitationId: invitation.id },
        ConditionExpression: 'attribute_not_exists(pk) OR sentOn < :notBefore',
        ExpressionAttributeValues: { ':notBefore': week.notBefore },
      },
    });
    items.push({ Put: { TableName: store.tableName, Item: outboxItem(message, now) } });
  }
  try {
    await transact(store, items);
  } catch (err) {
    if (err instanceof TransactionCancelled) {
      const at = err.reasons.findIndex((r, i) => r === 'ConditionalCheckFailed' && i > 0);
      const failed = at > 0 ? messages[Math.floor((at - 1) / 2)] : undefined;
      if (failed) throw new InvitedRecently(failed.providerId);
    }
    throw err;
  }
  return invitation;
}
