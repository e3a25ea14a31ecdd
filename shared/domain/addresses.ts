// Email addresses as the rate limits and the confirmed-address marker see them (issue 12,
// item 2): one mailbox, however its owner (or someone posing as them) spells it.

/**
 * The mailbox an address delivers to: lower case, with a `+tag` in the local part dropped.
 * `name+tag@domain` reaches `name@domain` at Gmail, Outlook.com, Fastmail and most college
 * mail systems, so without this one mailbox would get a fresh rate-limit budget per tag.
 * Dots are kept: only Gmail ignores them, and merging `a.b@` with `ab@` at other domains
 * would join two people's limits.
 */
export function mailboxOf(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const local = address.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}@${address.slice(at + 1)}`;
}
