// The query a reading route needs to be valid: the edge checks input before it looks at the
// caller (shared/http/handler.ts), so a walk of the route table that means to test the caller
// sends each route a valid query. Shared by the access walks (test/security/*).
export const VALID_QUERIES: Readonly<Record<string, string>> = { 'manage-coverage-invitations': '?year=9' };
