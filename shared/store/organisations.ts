// Organisation accounts (issue 15, item 1). An organisation's partition holds its profile
// and one item per member; two lookups sit beside it, each claimed with
// attribute_not_exists in the same transaction as what it points to:
//   UKPRN#<ukprn>       → the organisation that holds the UKPRN (one organisation per UKPRN, R-PROVIDER);
//   MEMBERSHIP#<email>  → the organisation a person belongs to (one each), read on every
//                         provider call, so a removed member loses access at once.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MemberRecord, MemberRole, OrganisationMembership, OrganisationInviteMessage, OrganisationRecord } from '#shared/domain/records.ts';
import { conditionHeld, queryEvery, type Store } from './client.ts';
import { fromItem, organisationPartition, sortKeyBeginsWith } from './keys.ts';
import { outboxItem } from './outbox.ts';
import { TransactionCancelled, transact, type TransactItems } from './transact.ts';

const profileKey = (id: string) => ({ pk: organisationPartition(id), sk: 'PROFILE' });
const MEMBER_PREFIX = 'MEMBER#';
const memberKey = (id: string, email: string) => ({ pk: organisationPartition(id), sk: `${MEMBER_PREFIX}${email.toLowerCase()}` });
const ukprnKey = (ukprn: string) => ({ pk: `UKPRN#${ukprn}`, sk: 'UKPRN' });
const membershipKey = (email: string) => ({ pk: `MEMBERSHIP#${email.toLowerCase()}`, sk: 'MEMBERSHIP' });

/** What the lookup from a person's address holds: enough for the edge to answer without reading the member item. */
export type Membership = OrganisationMembership;

/** Why an organisation write did not happen (each a condition of its transaction). */
export type OrganisationWriteRefusal = 'ukprn-taken' | 'already-member' | 'changed' | 'not-member' | 'last-admin';

export async function getOrganisation(store: Store, id: string): Promise<OrganisationRecord | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: profileKey(id), ConsistentRead: true }));
  return out.Item ? fromItem<OrganisationRecord>(out.Item) : undefined;
}

/** The organisation a person belongs to, and their role there, or undefined. Strongly consistent: a removal counts at once. */
export async function getMembership(store: Store, email: string): Promise<Membership | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: membershipKey(email), ConsistentRead: true }));
  return out.Item ? { organisationId: String(out.Item.organisationId), role: out.Item.role as MemberRole } : undefined;
}

/** One member of an organisation, as invited (who by, when), or undefined once removed. */
export async function getMember(store: Store, id: string, email: string): Promise<MemberRecord | undefined> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: memberKey(id, email), ConsistentRead: true }));
  return out.Item ? fromItem<MemberRecord>(out.Item) : undefined;
}

/** Every member of an organisation (one query of its partition). */
export async function listMembers(store: Store, id: string): Promise<MemberRecord[]> {
  const items = await queryEvery(store, { ...sortKeyBeginsWith(organisationPartition(id), MEMBER_PREFIX), ConsistentRead: true });
  return items.map((i) => fromItem<MemberRecord>(i));
}

function memberPuts(store: Store, member: MemberRecord): TransactItems {
  return [
    {
      Put: {
        TableName: store.tableName,
        Item: { ...membershipKey(member.email), itemType: 'membership', organisationId: member.organisationId, role: member.role },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: { TableName: store.tableName, Item: { ...memberKey(member.organisationId, member.email), itemType: 'member', ...member } } },
  ];
}

function ukprnClaim(store: Store, ukprn: string, organisationId: string): TransactItems[number] {
  return {
    Put: { TableName: store.tableName, Item: { ...ukprnKey(ukprn), itemType: 'ukprnClaim', organisationId }, ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** Runs an organisation transaction, naming the refusal of the item whose condition failed. */
async function organisationTransact(store: Store, items: TransactItems, refusals: (OrganisationWriteRefusal | undefined)[]): Promise<OrganisationWriteRefusal | undefined> {
  try {
    await transact(store, items);
    return undefined;
  } catch (err) {
    if (!(err instanceof TransactionCancelled)) throw err;
    const index = refusals.findIndex((_, i) => err.failedCondition(i));
    const refusal = index >= 0 ? refusals[index] : undefined;
    if (!refusal) throw err;
    return refusal;
  }
}

/**
 * A new organisation with its founder as admin, in one transaction: the profile, the UKPRN
 * claimed (refused if another organisation holds it), the founder's member item and lookup
 * (refused if they already belong to one).
 */
export async function createOrganisation(store: Store, organisation: OrganisationRecord, founder: MemberRecord): Promise<OrganisationWriteRefusal | undefined> {
  const [membership, member] = memberPuts(store, founder);
  return organisationTransact(
    store,
    [
      ukprnClaim(store, organisation.ukprn, organisation.id),
      { Put: { TableName: store.tableName, Item: { ...profileKey(organisation.id), itemType: 'organisation', ...organisation }, ConditionExpression: 'attribute_not_exists(pk)' } },
      membership!,
      member!,
    ],
    ['ukprn-taken', 'changed', 'already-member'],
  );
}

/**
 * Saves a changed profile, conditional on the version read (and on the caller still being an
 * admin of it); a changed UKPRN gives up the old claim and claims the new one in the same transaction.
 */
export async function saveOrganisation(store: Store, previous: OrganisationRecord, next: OrganisationRecord, by: string): Promise<OrganisationWriteRefusal | undefined> {
  const items: TransactItems = [
    {
      Put: {
        TableName: store.tableName,
        Item: { ...profileKey(next.id), itemType: 'organisation', ...next },
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': previous.version },
      },
    },
    adminCheck(store, next.id, by),
  ];
  const refusals: OrganisationWriteRefusal[] = ['changed', 'not-member'];
  if (next.ukprn !== previous.ukprn) {
    items.push(ukprnClaim(store, next.ukprn, next.id), {
      Delete: { TableName: store.tableName, Key: ukprnKey(previous.ukprn), ConditionExpression: 'organisationId = :o', ExpressionAttributeValues: { ':o': next.id } },
    });
    refusals.push('ukprn-taken', 'changed');
  }
  return organisationTransact(store, items, refusals);
}

/**
 * Adds a member and emails them a sign-in link, in one transaction: refused if they belong
 * to an organisation already, or the inviter is no longer an admin of this one.
 */
export async function addMember(store: Store, member: MemberRecord, invitation: OrganisationInviteMessage, now: Date): Promise<OrganisationWriteRefusal | undefined> {
  const [membership, item] = memberPuts(store, member);
  return organisationTransact(
    store,
    [membership!, item!, adminCheck(store, member.organisationId, member.invitedBy), { Put: { TableName: store.tableName, Item: outboxItem(invitation, now) } }],
    ['already-member', undefined, 'not-member'],
  );
}

function adminCheck(store: Store, organisationId: string, email: string): TransactItems[number] {
  return {
    ConditionCheck: {
      TableName: store.tableName,
      Key: membershipKey(email),
      ConditionExpression: 'organisationId = :o AND #role = :admin',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':o': organisationId, ':admin': 'admin' },
    },
  };
}

/**
 * Removes a member: their item and their lookup go in one transaction, so their next call
 * finds no organisation. `otherAdmin`, when the one removed is an admin: an admin who stays,
 * checked in the same transaction, so an organisation never loses its last admin.
 */
export async function removeMember(store: Store, organisationId: string, email: string, by: string, otherAdmin?: string): Promise<OrganisationWriteRefusal | undefined> {
  const items: TransactItems = [
    {
      Delete: {
        TableName: store.tableName,
        Key: membershipKey(email),
        ConditionExpression: 'organisationId = :o',
        ExpressionAttributeValues: { ':o': organisationId },
      },
    },
    { Delete: { TableName: store.tableName, Key: memberKey(organisationId, email) } },
  ];
  const refusals: (OrganisationWriteRefusal | undefined)[] = ['not-member', undefined];
  // Leaving one's own organisation needs no admin; removing someone else does.
  if (by.toLowerCase() !== email.toLowerCase()) {
    items.push(adminCheck(store, organisationId, by));
    refusals.push('not-member');
  }
  // The remover is the admin who stays: their own check above already says so (one operation per item in a transaction).
  if (otherAdmin && otherAdmin.toLowerCase() !== by.toLowerCase()) {
    items.push(adminCheck(store, organisationId, otherAdmin));
    refusals.push('last-admin');
  }
  return organisationTransact(store, items, refusals);
}

/** A member's first sign-in since the invitation: when they joined (once; nothing if they were removed meanwhile). */
export async function markJoined(store: Store, membership: Membership, email: string, now: Date): Promise<void> {
  await conditionHeld(
    store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: memberKey(membership.organisationId, email),
        UpdateExpression: 'SET joinedAt = :t',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(joinedAt)',
        ExpressionAttributeValues: { ':t': now.toISOString() },
      }),
    ),
  );
}

/**
 * Erasure on request (UK GDPR Art. 17) of one person in one organisation: their member item
 * and lookup go together (one transaction), the members they invited name the placeholder as
 * inviter, and a profile whose default contact they are names the placeholder and no phone
 * (its version moves on, so a save from an older read is refused). Answers how many items changed.
 */
export async function eraseMember(store: Store, organisationId: string, email: string, placeholder: string, erasedName: string): Promise<number> {
  const subject = email.toLowerCase();
  let changed = 0;
  if (await getMember(store, organisationId, subject)) {
    await transact(store, [
      { Delete: { TableName: store.tableName, Key: membershipKey(subject), ConditionExpression: 'organisationId = :o', ExpressionAttributeValues: { ':o': organisationId } } },
      { Delete: { TableName: store.tableName, Key: memberKey(organisationId, subject) } },
    ]);
    changed += 2;
  }
  for (const member of await listMembers(store, organisationId)) {
    if (member.invitedBy.toLowerCase() !== subject) continue;
    const held = await conditionHeld(
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: memberKey(organisationId, member.email),
          UpdateExpression: 'SET invitedBy = :p',
          ConditionExpression: 'attribute_exists(pk) AND invitedBy = :s',
          ExpressionAttributeValues: { ':p': placeholder, ':s': member.invitedBy },
        }),
      ),
    );
    if (held) changed++;
  }
  const profile = await getOrganisation(store, organisationId);
  if (profile && profile.defaultContact.email.toLowerCase() === subject) {
    const held = await conditionHeld(
      store.doc.send(
        new UpdateCommand({
          TableName: store.tableName,
          Key: profileKey(organisationId),
          UpdateExpression: 'SET defaultContact = :c, version = :next',
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':c': { name: erasedName, email: placeholder, phone: '' }, ':v': profile.version, ':next': profile.version + 1 },
        }),
      ),
    );
    if (held) changed++;
  }
  return changed;
}
