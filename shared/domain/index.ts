// The rules engine's public API: pure functions and types, no I/O. Import from here
// ('#shared/domain/index.ts'); the files behind it may move.
export * from './types.ts';
export * from './errors.ts';
export * from './dates.ts';
export * from './timezone.ts';
export * from './academic-year.ts';
export * from './bank-holidays.ts';
export * from './calendar.ts';
export * from './year-groups.ts';
export * from './labels.ts';
export * from './audience.ts';
export * from './rules.ts';
export * from './state-machine.ts';
export * from './coverage.ts';
