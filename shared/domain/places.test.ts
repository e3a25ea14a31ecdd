import { describe, expect, it } from 'vitest';
import { distanceWords } from './places.ts';

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
