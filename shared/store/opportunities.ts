// Access patterns for a school's opportunities (S-OPPORTUNITIES): one item each, all of a
// school's read with one query.
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Opportunity } from '#shared/domain/types.ts';
import type { Store } from './client.ts';
import { fromItem, keys } from './keys.ts';

export async function putOpportunity(store: Store, urn: string, opportunity: Opportunity): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: { ...keys.opportunity(urn, opportunity.id), itemType: 'opportunity', urn, ...opportunity },
    }),
  );
}

export async function listOpportunities(store: Store, urn: string): Promise<Opportunity[]> {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.school(urn).pk, ':prefix': keys.opportunitiesPrefix() },
    }),
  );
  return (out.Items ?? []).map((i) => {
    const { urn: _urn, ...opportunity } = fromItem<Opportunity & { urn: string }>(i);
    return opportunity;
  });
}
