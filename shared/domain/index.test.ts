/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

// The sources as text, through Vite's glob import, so this test needs no file-system access either.
const texts = import.meta.glob<string>(['./*.ts', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true });
const sources = Object.keys(texts);

describe('shared/domain boundaries', () => {
  it('finds the sources it checks', () => {
    expect(sources).toContain('./calendar.ts');
    expect(sources).not.toContain('./calendar.test.ts');
  });

  it('exposes the main entry points from one index', () => {
    for (const name of ['isSchoolTime', 'checkRequest', 'transition', 'coverageReport', 'yearGroupsFromAges', 'bankHolidays', 'DomainError', 'toInstant']) {
      expect(domain).toHaveProperty(name);
    }
  });

  it.each(sources)('%s does no I/O: no AWS SDK, middy, node modules, store, http or mail imports', (file) => {
    const text = texts[file] ?? '';
    expect(text.length).toBeGreaterThan(0);
    const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+\.ts$/);
    }
    expect(text).not.toMatch(/\b(?:fetch|process\.env|Date\.now|new Date\(\))/);
  });
});
