import { describe, expect, it } from 'vitest';
import { distanceWords, slotsCheckedSentence } from './places.ts';

describe('distanceWords', () => {
  it('gives one decimal place, and never "0.0 km" for a school at the placed point', () => {
    expect(distanceWords(2.61)).toBe('2.6 km away');
    expect(distanceWords(14)).toBe('14.0 km away');
    expect(distanceWords(0.1)).toBe('0.1 km away');
    expect(distanceWords(0.05)).toBe('0.1 km away');
    expect(distanceWords(0.049)).toBe('less than 0.1 km away');
    expect(distanceWords(0)).toBe('less than 0.1 km away');
  });
});

describe('slotsCheckedSentence', () => {
  const range = { from: '2031-03-01', to: '2031-03-31' };
  it('says how many nearest schools were looked at and which of them were checked for slots', () => {
    expect(slotsCheckedSentence({ ...range, nearest: 4, checked: 2 })).toBe(
      'Showing the schools with open slots from Saturday 1 March 2031 to Monday 31 March 2031, of the 4 nearest. We checked the 2 that offer sessions on or after Saturday 1 March 2031; the other 2 offer none from that date.',
    );
    expect(slotsCheckedSentence({ ...range, nearest: 3, checked: 1 })).toMatch(/of the 3 nearest\. We checked the 1 that offers sessions on or after Saturday 1 March 2031; the other 2 offer none from that date\.$/);
    expect(slotsCheckedSentence({ ...range, nearest: 2, checked: 2 })).toMatch(/of the 2 nearest\. We checked both\.$/);
    expect(slotsCheckedSentence({ ...range, nearest: 6, checked: 6 })).toMatch(/of the 6 nearest\. We checked all 6\.$/);
    expect(slotsCheckedSentence({ ...range, nearest: 1, checked: 1 })).toMatch(/of the nearest school\. We checked it\.$/);
    expect(slotsCheckedSentence({ ...range, nearest: 5, checked: 0 })).toMatch(/of the 5 nearest\. None of them offers sessions on or after Saturday 1 March 2031\.$/);
    expect(slotsCheckedSentence({ ...range, nearest: 1, checked: 0 })).toMatch(/of the nearest school\. It offers no sessions on or after Saturday 1 March 2031\.$/);
    expect(slotsCheckedSentence({ ...range, nearest: 0, checked: 0 })).toBe('Showing the schools with open slots from Saturday 1 March 2031 to Monday 31 March 2031.');
  });
});
