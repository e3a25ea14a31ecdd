// `Idempotency-Key` for public creates (Powertools idempotency): a retried submission with
// the same key and body returns the first answer, not a second request. Answers that are
// errors are not kept, so a corrected resubmission is processed afresh.
import type { MiddlewareObj } from '@middy/core';
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import { AppError } from '#shared/errors.ts';
import { idempotencyPersistence } from '#shared/store/idempotency.ts';

const KEEP_SECONDS = 24 * 60 * 60;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRequest = any;

export function idempotencyKey(functionName: string): MiddlewareObj {
  // Built on first use: the table name comes from the environment the function runs in.
  let inner: ReturnType<typeof makeHandlerIdempotent> | undefined;
  const get = () =>
    (inner ??= makeHandlerIdempotent({
      persistenceStore: idempotencyPersistence(functionName),
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
        throw new AppError(400, 'IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header must be 8 to 128 characters, such as a UUID.');
      }
      try {
        return await get().before?.(request);
      } catch (err) {
        throw mapError(err);
      }
    },
    after: async (request: AnyRequest) => {
      if (hasKey(request)) await get().after?.(request);
    },
    onError: async (request: AnyRequest) => {
      if (hasKey(request) && inner) await inner.onError?.(request);
    },
  };
}

function mapError(err: unknown): unknown {
  const name = (err as Error).name;
  if (name === 'IdempotencyValidationError') {
    return new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request. Send the new request with a new key.');
  }
  if (name === 'IdempotencyAlreadyInProgressError') {
    return new AppError(409, 'REQUEST_IN_PROGRESS', 'The same request is still being processed. Wait a moment and check your requests before sending it again.', {
      headers: { 'retry-after': '2' },
    });
  }
  return err;
}
