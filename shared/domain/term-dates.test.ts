import { describe, expect, it } from 'vitest';
import { applyTermDates, kindOfTitle, mapTermDates, type TermDateEntry } from './term-dates.ts';

const e = (kind: TermDateEntry['kind'], name: string, start: string, end = start): TermDateEntry => ({ kind, name, start, end });

describe('term dates from a file (R-HOURS)', () => {
  it.each([
    ['Autumn term 2027 starts', 'term-start'],
    ['Spring Term Begins', 'term-start'],
    ['Summer term ends', 'term-end'],
    ['Autumn half term', 'half-term'],
    ['Half Term Holiday', 'half-term'],
    ['Christmas holiday', 'holiday'],
    ['Easter break', 'holiday'],
    ['INSET day', 'inset'],
    ['Staff training day (school closed to pupils)', 'inset'],
    ['Teacher Development Day', 'inset'],
    ['In-service day', 'inset'],
    ['Early May bank holiday', 'bank-holiday'],
    ['Autumn term 2027', 'term'],
    ['School closed: polling station', 'closure'],
    ['Sports day', 'unknown'],
  ])('reads "%s" as %s', (title, kind) => {
    expect(kindOfTitle(title)).toBe(kind);
  });

  it('splits a spanning term at its half term, and leaves holidays between terms alone', () => {
    const mapped = mapTermDates([
      e('term', 'Autumn term 2027', '2027-09-02', '2027-12-17'),
      e('half-term', 'Autumn half term', '2027-10-25', '2027-10-29'),
      e('holiday', 'Christmas holiday', '2027-12-20', '2028-01-03'),
      e('term', 'Spring term 2028', '2028-01-04', '2028-03-24'),
    ]);
    expect(mapped.terms).toEqual([
      { name: 'Autumn term 2027 (1)', start: '2027-09-02', end: '2027-10-24' },
      { name: 'Autumn term 2027 (2)', start: '2027-10-30', end: '2027-12-17' },
      { name: 'Spring term 2028', start: '2028-01-04', end: '2028-03-24' },
    ]);
    expect(mapped.span).toEqual({ start: '2027-09-02', end: '2028-03-24' });
    expect(mapped.warnings).toEqual([]);
  });

  it('pairs start and end markers into terms, and says which marker has no partner', () => {
    const mapped = mapTermDates([
      e('term-end', 'Autumn term ends', '2027-12-17'),
      e('term-start', 'Autumn term starts', '2027-09-02'),
      e('half-term', 'Half term', '2027-10-25', '2027-10-29'),
      e('term-start', 'Spring term starts', '2028-01-04'),
    ]);
    expect(mapped.terms.map((t) => [t.name, t.start, t.end])).toEqual([
      ['Autumn term (1)', '2027-09-02', '2027-10-24'],
      ['Autumn term (2)', '2027-10-30', '2027-12-17'],
    ]);
    expect(mapped.warnings).toEqual([expect.stringMatching(/"Spring term starts" on Tuesday 4 January 2028 has no end in the file/)]);
  });

  it('makes INSET days closures, leaves bank holidays to the service, and names what it could not read', () => {
    const mapped = mapTermDates([
      e('term', 'Summer term', '2028-04-18', '2028-07-21'),
      e('inset', 'INSET day', '2028-04-18'),
      e('inset', 'INSET day', '2028-06-05'),
      e('bank-holiday', 'Early May bank holiday', '2028-05-01'),
      e('unknown', 'Sports day', '2028-06-20'),
      e('term', 'Broken', '2028-09-10', '2028-09-01'),
    ]);
    expect(mapped.closures).toEqual([
      { start: '2028-04-18', end: '2028-04-18', reason: 'INSET', note: 'INSET day' },
      { start: '2028-06-05', end: '2028-06-05', reason: 'INSET', note: 'INSET day' },
    ]);
    expect(mapped.terms).toHaveLength(1);
    expect(mapped.warnings).toEqual([
      '"Broken" has no usable dates, so it was left out.',
      expect.stringMatching(/^1 bank holiday was left out/),
      expect.stringMatching(/^"Sports day" \(Tuesday 20 June 2028\) is not a term/),
    ]);
  });

  it('replaces terms and INSET days inside the file\'s span, keeps the rest and every other closure', () => {
    const mapped = mapTermDates([e('term', 'Autumn term 2027', '2027-09-02', '2027-12-17'), e('inset', 'INSET day', '2027-09-02')]);
    const current = {
      terms: [
        { name: 'Summer 2', start: '2027-06-07', end: '2027-07-21' },
        { name: 'Old autumn', start: '2027-09-03', end: '2027-12-18' },
      ],
      closures: [
        { start: '2027-09-03', end: '2027-09-03', reason: 'INSET' as const },
        { start: '2027-11-10', end: '2027-11-10', reason: 'EXAMS' as const },
        { start: '2027-07-01', end: '2027-07-01', reason: 'INSET' as const },
      ],
    };
    expect(applyTermDates(current, mapped)).toEqual({
      terms: [
        { name: 'Summer 2', start: '2027-06-07', end: '2027-07-21' },
        { name: 'Autumn term 2027', start: '2027-09-02', end: '2027-12-17' },
      ],
      closures: [
        { start: '2027-07-01', end: '2027-07-01', reason: 'INSET' },
        { start: '2027-09-02', end: '2027-09-02', reason: 'INSET', note: 'INSET day' },
        { start: '2027-11-10', end: '2027-11-10', reason: 'EXAMS' },
      ],
    });
  });
});
