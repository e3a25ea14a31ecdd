// `Idempotency-Key` for public creates (Powertools idempotency): a retried submission with
// the same key and body returns the first answer, not a second request. Answers that are
// errors are not kept, so a corrected resubmission is processed afresh.
// The records' persistence is given (functions/lib/http.ts: the store's own client, with its
// timeouts), so the edge does not reach into the store.
import type { MiddlewareObj } from '@middy/core';
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { DomainError } from '#shared/domain/errors.ts';
import { logger } from '#shared/log.ts';

const KEEP_SECONDS = 24 * 60 * 60;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRequest = any;

/** Where a function keeps its idempotency records: one partition per function. */
export type IdempotencyPersistence = (functionName: string) => BasePersistenceLayer;

export function idempotencyKey(functionName: string, persistence: IdempotencyPersistence): MiddlewareObj {
  // Built on first use: the table name comes from the environment the function runs in.
  let inner: ReturnType<typeof makeHandlerIdempotent> | undefined;
  const get = () =>
    (inner ??= makeHandlerIdempotent({
      persistenceStore: persistence(functionName),
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'headers."idempotency-key"',
        payloadValidationJmesPath: 'body',
        throwOnNoIdempotencyKey: false,
        expiresAfterSeconds: KEEP_SECONDS,
      }),
    }));
  const hasKey = (request: AnyRequest) => typeof request.event?.headers?.['idempotency-key'] === 'string';
  return {
    before: async (request: AnyRequest) => {
      if (!hasKey(request)) return;
      const key = String(request.event.headers['idempotency-key']);
      if (key.length < 8 || key.length > 128) {
        throw new DomainError('IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header must be 8 to 128 characters, such as a UUID.');
      }
      try {
        return await get().before?.(request);
      } catch (err) {
        throw mapError(err);
      }
    },
    // The request itself succeeded: if its answer cannot be kept (the table went away just
    // now), the client still gets it. A retry with the key meanwhile gets REQUEST_IN_PROGRESS.
    after: async (request: AnyRequest) => {
      if (!hasKey(request)) return;
      try {
        await get().after?.(request);
      } catch (err) {
        logger.warn('idempotency: the answer could not be kept; it is returned all the same', { error: err as Error });
      }
    },
    // Removing the in-progress record must never replace the error being answered (else the
    // function fails without the error contract): if the table is unreachable, the record
    // expires by itself at the end of this invocation's time.
    onError: async (request: AnyRequest) => {
      if (!hasKey(request) || !inner) return;
      try {
        await inner.onError?.(request);
      } catch (err) {
        logger.warn('idempotency: the in-progress record could not be removed; it expires by itself', { error: err as Error });
      }
    },
  };
}

function mapError(err: unknown): unknown {
  if (err instanceof IdempotencyValidationError) {
    return new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request. Send the new request with a new key.');
  }
  if (err instanceof IdempotencyAlreadyInProgressError) {
    return new DomainError('REQUEST_IN_PROGRESS', 'The same request is still being processed. Wait a moment and check your requests before sending it again.', {
      retryAfterSeconds: 2,
    });
  }
  return err;
}
