import { describe, expect, it } from 'vitest';
import { giasChanged, missingGiasColumns, newSchoolFromGias, normaliseWebsite, parseGiasRecord, REQUIRED_GIAS_COLUMNS, trustIdOf } from './gias.ts';

const row = (over: Record<string, string> = {}) => ({
  URN: '990201',
  EstablishmentName: 'Fernhill Academy',
  'TypeOfEstablishment (name)': 'Academy converter',
  'EstablishmentStatus (name)': 'Open',
  'PhaseOfEducation (name)': 'Secondary',
  StatutoryLowAge: '11',
  StatutoryHighAge: '16',
  Street: '12 Station Road',
  Town: 'Ashcombe',
  Postcode: 'zz3  1ab',
  SchoolWebsite: 'www.fernhill.example',
  'Trusts (name)': 'Brightwater Schools Trust',
  ...over,
});

describe('GIAS rows', () => {
  it('maps a row to the GIAS fields, year groups from the statutory ages', () => {
    const out = parseGiasRecord(row());
    expect(out).toEqual({
      kind: 'school',
      school: {
        urn: '990201',
        name: 'Fernhill Academy',
        establishmentType: 'Academy converter',
        phase: 'Secondary',
        statutoryLowAge: 11,
        statutoryHighAge: 16,
        yearGroups: [7, 8, 9, 10, 11],
        address: { street: '12 Station Road', town: 'Ashcombe', postcode: 'ZZ3 1AB' },
        website: 'https://www.fernhill.example/',
        trust: { id: 'brightwater-schools-trust', name: 'Brightwater Schools Trust' },
      },
    });
  });

  it('a UTC 14–19 teaches Years 10 to 13; a middle school 9–13 teaches Years 5 to 8', () => {
    const utc = parseGiasRecord(row({ StatutoryLowAge: '14', StatutoryHighAge: '19' }));
    expect(utc.kind === 'school' && utc.school.yearGroups).toEqual([10, 11, 12, 13]);
    const middle = parseGiasRecord(row({ StatutoryLowAge: '9', StatutoryHighAge: '13' }));
    expect(middle.kind === 'school' && middle.school.yearGroups).toEqual([5, 6, 7, 8]);
  });

  it('says what is wrong, naming the column; skips closed schools', () => {
    expect(parseGiasRecord(row({ URN: '12ab' }))).toMatchObject({ kind: 'error', message: expect.stringContaining('URN must be 6 or 7 digits') });
    const bad = parseGiasRecord(row({ StatutoryLowAge: 'eleven', Postcode: 'nowhere', Town: '' }));
    expect(bad).toMatchObject({ kind: 'error', urn: '990201' });
    const message = bad.kind === 'error' ? bad.message : '';
    expect(message).toContain('StatutoryLowAge must be a whole number');
    expect(message).toContain('Town is empty');
    expect(message).toContain('is not a UK postcode');
    expect(parseGiasRecord(row({ StatutoryLowAge: '16', StatutoryHighAge: '11' }))).toMatchObject({ kind: 'error', message: expect.stringContaining('must be below') });
    expect(parseGiasRecord(row({ 'EstablishmentStatus (name)': 'Closed' }))).toEqual({ kind: 'skip', urn: '990201', reason: 'closed' });
  });

  it('websites and trust ids', () => {
    expect(normaliseWebsite('http://a.example/x')).toBe('http://a.example/x');
    expect(normaliseWebsite('not a site')).toBeUndefined();
    expect(normaliseWebsite('')).toBeUndefined();
    expect(trustIdOf('St Mary’s & St John’s Catholic Trust')).toBe('st-mary-s-and-st-john-s-catholic-trust');
  });

  it('knows the columns it needs', () => {
    expect(missingGiasColumns(Object.keys(row()))).toEqual([]);
    // R-SCOPE needs the type: its code, or at least its name.
    expect(missingGiasColumns(['URN', 'Town'])).toEqual([...REQUIRED_GIAS_COLUMNS.filter((c) => c !== 'URN' && c !== 'Town'), 'TypeOfEstablishment (code)']);
    expect(missingGiasColumns([...REQUIRED_GIAS_COLUMNS, 'TypeOfEstablishment (code)'])).toEqual([]);
  });

  it('R-SCOPE: an establishment out of scope of s42B, or not open, is skipped with the reason; by code where the file has codes', () => {
    expect(parseGiasRecord(row({ 'TypeOfEstablishment (name)': 'Other independent school' }))).toEqual({ kind: 'skip', urn: '990201', reason: 'not in scope of s42B: Other independent school' });
    expect(parseGiasRecord(row({ 'TypeOfEstablishment (code)': '18', 'TypeOfEstablishment (name)': 'Further education' }))).toMatchObject({ kind: 'skip', reason: 'not in scope of s42B: Further education' });
    expect(parseGiasRecord(row({ 'EstablishmentStatus (code)': '2', 'EstablishmentStatus (name)': 'Closed' }))).toEqual({ kind: 'skip', urn: '990201', reason: 'closed' });
    expect(parseGiasRecord(row({ 'EstablishmentStatus (code)': '4', 'EstablishmentStatus (name)': 'Proposed to open' }))).toMatchObject({ kind: 'skip' });
    // Out of scope is decided before the values are checked: an independent school's odd postcode is nobody's problem here.
    expect(parseGiasRecord(row({ 'TypeOfEstablishment (code)': '11', Postcode: 'nowhere' }))).toMatchObject({ kind: 'skip' });
    expect(parseGiasRecord(row({ 'TypeOfEstablishment (code)': '14', 'TypeOfEstablishment (name)': 'Pupil referral unit' })).kind).toBe('school');
  });

  it('keeps the UKPRN (8 digits starting with 1); a re-import notices it change', () => {
    const parsed = parseGiasRecord(row({ UKPRN: '10012345' }));
    expect(parsed.kind === 'school' && parsed.school.ukprn).toBe('10012345');
    expect(parseGiasRecord(row({ UKPRN: '2001234' }))).toMatchObject({ kind: 'error', message: 'UKPRN must be 8 digits starting with 1; it is "2001234".' });
    if (parsed.kind !== 'school') throw new Error('expected a school');
    expect(giasChanged(newSchoolFromGias(parsed.school), parsed.school)).toBe(false);
    expect(giasChanged(newSchoolFromGias(parsed.school), { ...parsed.school, ukprn: '10099999' })).toBe(true);
  });

  it('a name with a character that could not be decoded is reported, not stored', () => {
    expect(parseGiasRecord(row({ EstablishmentName: 'Sainte Th\uFFFDr\uFFFDse School' }))).toMatchObject({ kind: 'error', message: expect.stringContaining('could not be read') });
  });

  it('a change is a change of a GIAS field only; a new school starts with default settings and no lead', () => {
    const parsed = parseGiasRecord(row());
    if (parsed.kind !== 'school') throw new Error('expected a school');
    const school = newSchoolFromGias(parsed.school);
    expect(giasChanged({ ...school, premises: 'changed by the school' } as never, parsed.school)).toBe(false);
    expect(giasChanged(school, { ...parsed.school, name: 'Fernhill Academy Trust School' })).toBe(true);
    expect(giasChanged(school, { ...parsed.school, website: undefined })).toBe(true);
    expect(school.careersLead).toEqual({ name: '', email: '' });
    expect(school.calendar.terms).toEqual([]);
    expect(school.rules.minimumNoticeDays).toBe(30);
  });
});
