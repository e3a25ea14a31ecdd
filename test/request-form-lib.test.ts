// The request form's own reading of what people type (issue 14, item 3): times written any
// usual way become the API's HH:MM, and each API field belongs to the step that asks it.
import { describe, expect, it } from 'vitest';
import { parseTypedTime, stepOfField } from '../web/src/lib/request-form.ts';

describe('parseTypedTime', () => {
  it.each([
    ['09:30', '09:30'],
    ['9:30', '09:30'],
    ['9.30', '09:30'],
    ['930', '09:30'],
    ['0930', '09:30'],
    ['9:30am', '09:30'],
    ['9.30 AM', '09:30'],
    ['1:30pm', '13:30'],
    ['1pm', '13:00'],
    ['10am', '10:00'],
    ['12pm', '12:00'],
    ['12am', '00:00'],
    ['midday', '12:00'],
    ['13:15', '13:15'],
  ])('reads %s as %s', (typed, time) => {
    expect(parseTypedTime(typed)).toBe(time);
  });

  it.each(['', '9', '25:00', '9:75', '13pm', '0am', 'half nine', '9:3'])('does not guess at %j', (typed) => {
    expect(parseTypedTime(typed)).toBeUndefined();
  });
});

describe('stepOfField', () => {
  it.each([
    ['proposed.start', 'when'],
    ['slot', 'when'],
    ['date', 'when'],
    ['yearGroups', 'pupils'],
    ['sessionType', 'pupils'],
    ['contact.email', 'you'],
    ['provider.ukprn', 'you'],
    ['content.careers', 'visit'],
    ['safeguardingAgreed', 'visit'],
  ])('%s is asked on the %s step', (field, step) => {
    expect(stepOfField(field)).toBe(step);
  });

  it('knows no step for a field no page asks', () => {
    expect(stepOfField('favouriteColour')).toBeUndefined();
  });
});
