import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mailboxOf } from './addresses.ts';

describe('issue 12, item 2: mailboxOf (the address the limits and the confirmed marker count)', () => {
  it.each([
    ['riley.lane@eastmouth-college.example', 'riley.lane@eastmouth-college.example'],
    ['Riley.Lane+schools@Eastmouth-College.example', 'riley.lane@eastmouth-college.example'],
    ['riley.lane+a+b@eastmouth-college.example', 'riley.lane@eastmouth-college.example'],
    ['  riley@college.example ', 'riley@college.example'],
    // Dots are another person at most domains: kept.
    ['r.iley@college.example', 'r.iley@college.example'],
    // Nothing before the tag: nothing to drop it from.
    ['+only@college.example', '+only@college.example'],
  ])('%s counts as %s', (address, mailbox) => {
    expect(mailboxOf(address)).toBe(mailbox);
  });

  it('any tag on the same mailbox counts as the mailbox (property)', () => {
    const word = fc.stringMatching(/^[a-z0-9.]{1,20}$/);
    fc.assert(
      fc.property(word, word, word, (name, tag, domain) => {
        expect(mailboxOf(`${name}+${tag}@${domain}.example`)).toBe(mailboxOf(`${name}@${domain}.example`));
      }),
    );
  });
});
