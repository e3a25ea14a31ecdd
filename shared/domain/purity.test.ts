/// <reference types="vite/client" />
// The rules engine does no I/O and reads no clock or chance of its own: what it needs (the
// time now, the settings) comes in as arguments, so every rule is a plain function of its
// inputs. What it may import (only itself: no npm package, no node: module) is the
// boundary check's job (`npm run boundaries`, rule layer-rules); this is the rest.
import { describe, expect, it } from 'vitest';

// The sources as text, through Vite's glob import, so this test needs no file-system access either.
const texts = import.meta.glob<string>(['./*.ts', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true });
const sources = Object.keys(texts);

describe('shared/domain is pure', () => {
  it('finds the sources it checks', () => {
    expect(sources).toContain('./calendar.ts');
    expect(sources).not.toContain('./calendar.test.ts');
  });

  it.each(sources)('%s reads no clock, environment, network or randomness, and loads nothing at run time', (file) => {
    const text = texts[file] ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/\b(?:fetch|process\.env|Date\.now|new Date\(\)|Math\.random|crypto\.|require\(|import\()/);
  });
});
