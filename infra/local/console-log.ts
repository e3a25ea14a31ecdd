// The local stack's own console lines (`npm start`: the stream poller, the schedule timers,
// the local server's failures) hold no email address, as the functions' log lines hold
// none (shared/log.ts): whatever a message or its detail carries is passed through the
// same filter before it is printed.
import { inspect } from 'node:util';
import { withoutAddresses } from '#shared/log.ts';

export type LocalLog = (message: string, detail?: unknown) => void;

/** One console line, `[local] message detail`, with every address in it replaced by `<address>`. */
export function localLogLine(message: string, detail?: unknown): string {
  const shown = detail === undefined || detail === '' ? '' : ` ${typeof detail === 'string' ? detail : inspect(detail, { depth: 6, breakLength: Infinity })}`;
  return withoutAddresses(`[local] ${message}${shown}`);
}

/** A log for the local stack that writes its lines to `write` (stderr by default). */
export function localLog(write: (line: string) => void = (line) => console.error(line)): LocalLog {
  return (message, detail) => write(localLogLine(message, detail));
}
