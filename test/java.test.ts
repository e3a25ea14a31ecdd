// DynamoDB Local needs Java 17+: a missing or old Java gets a clear message and exit code.
import { describe, expect, it } from 'vitest';
import { checkJava, JavaMissingError, parseJavaMajor } from '#infra/local/java.ts';

describe('Java check for DynamoDB Local', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
    ['nothing useful', undefined],
  ])('reads the major version of %s', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it('names what to install when java is not found', () => {
    const attempt = () => checkJava('/nonexistent/java');
    expect(attempt).toThrow(JavaMissingError);
    expect(attempt).toThrow(/Java was not found.*Install Java 17 or newer/);
    try {
      attempt();
    } catch (err) {
      expect((err as JavaMissingError).exitCode).toBe(3);
    }
  });

  it('accepts the machine Java', () => {
    expect(checkJava()).toBeGreaterThanOrEqual(17);
  });
});
