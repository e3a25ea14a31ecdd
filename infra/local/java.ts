// DynamoDB Local is AWS's Java jar: it needs the machine's Java 17 or newer. Say so
// plainly, with what to install, instead of failing later with a spawn error.
import { spawnSync } from 'node:child_process';

export const MIN_JAVA = 17;

export class JavaMissingError extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = 'JavaMissingError';
  }
}

/** Parses the major version from `java -version` output ("17.0.15", "1.8.0_392", "21"). */
export function parseJavaMajor(output: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export function checkJava(command = process.env.JAVA ?? 'java'): number {
  const run = spawnSync(command, ['-version'], { encoding: 'utf8' });
  const help = `Install Java ${MIN_JAVA} or newer (for example \`apt-get install openjdk-17-jre-headless\`), or set JAVA to its path.`;
  if (run.error) {
    throw new JavaMissingError(`Java was not found (${command}): DynamoDB Local needs it. ${help}`);
  }
  const major = parseJavaMajor(`${run.stderr}${run.stdout}`);
  if (major === undefined) throw new JavaMissingError(`Could not read the Java version from \`${command} -version\`. ${help}`);
  if (major < MIN_JAVA) throw new JavaMissingError(`Java ${major} is too old for DynamoDB Local 3. ${help}`);
  return major;
}
