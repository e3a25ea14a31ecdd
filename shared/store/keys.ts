// Every DynamoDB key of the product is built here and nowhere else (DESIGN.md "Data").
// Functions outside shared/store call the named access patterns, never these directly.

export const keys = {
  school: (urn: string) => ({ pk: `SCHOOL#${urn}`, sk: 'PROFILE' }),
  request: (urn: string, id: string) => ({ pk: `SCHOOL#${urn}`, sk: `REQ#${id}` }),
  requestEvent: (urn: string, id: string, at: string, seq: number) => ({
    pk: `SCHOOL#${urn}`,
    sk: `REQ#${id}#EV#${at}#${String(seq).padStart(4, '0')}`,
  }),
  requestEventsPrefix: (id: string) => `REQ#${id}#EV#`,
  opportunity: (urn: string, id: string) => ({ pk: `SCHOOL#${urn}`, sk: `OPP#${id}` }),
  opportunitiesPrefix: () => 'OPP#',
  staff: (urn: string, email: string) => ({ pk: `SCHOOL#${urn}`, sk: `STAFF#${email.toLowerCase()}` }),
  staffPrefix: () => 'STAFF#',
  userSchool: (email: string, urn: string) => ({ pk: `USER#${email.toLowerCase()}`, sk: `SCHOOL#${urn}` }),
  userSchoolsPrefix: () => 'SCHOOL#',
  slot: (urn: string, date: string, time: string, opportunityId: string) => ({
    pk: `SCHOOL#${urn}`,
    sk: `SLOT#${date}T${time}#${opportunityId}`,
  }),
  /** gsi1: a school's requests with one status, by encounter date. */
  requestsByStatus: (urn: string, status: string) => `SCHOOL#${urn}#STATUS#${status}`,
  requestByStatusSort: (date: string, start: string, id: string) => `${date}T${start}#${id}`,
  /** gsi2: every request a provider email has made, newest last. */
  requestsByProvider: (email: string) => `PROVIDER#${email.toLowerCase()}`,
  requestByProviderSort: (createdAt: string, id: string) => `${createdAt}#${id}`,
  /** A fixed item the health check reads: proves the table answers, touches no data. */
  health: () => ({ pk: 'HEALTH', sk: 'HEALTH' }),
} as const;

/** The table attributes that are keys, stripped before an item leaves the store. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAt'] as const;

/** An item as the rest of the code knows it: without keys, index attributes or item type. */
export function fromItem<T>(item: Record<string, unknown>): T {
  const copy: Record<string, unknown> = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  delete copy.itemType;
  return copy as T;
}
