import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('shared/domain boundaries', () => {
  it('exposes the main entry points from one index', () => {
    for (const name of ['isSchoolTime', 'checkRequest', 'transition', 'coverageReport', 'yearGroupsFromAges', 'bankHolidays', 'DomainError', 'toInstant']) {
      expect(domain).toHaveProperty(name);
    }
  });

  it.each(sources)('%s does no I/O: no AWS SDK, middy, node modules, store, http or mail imports', (file) => {
    const text = readFileSync(join(here, file), 'utf8');
    const imports = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec, `${file} imports ${spec}`).toMatch(/^\.\/[a-z-]+\.ts$/);
    }
    expect(text).not.toMatch(/\b(?:fetch|process\.env|Date\.now|new Date\(\))/);
  });
});
