// Fuzzing the public, provider and emailed-link routes of the route table (test/fuzz/harness.ts
// says what is generated, what must hold, and why the run counts are what they are).
import { describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '#infra/local/adapter.ts';
import { httpRoutes } from '#shared/routes.ts';
import { fuzzRoutes } from './harness.ts';

describe('fuzz: public, provider and action routes', () => {
  it('the local adapter keeps prototype-named query keys as own properties, as API Gateway does', () => {
    const event = toApiGatewayEvent({ method: 'GET', url: '/x?constructor=1&__proto__=2&toString=3', headers: {}, body: Buffer.alloc(0), sourceIp: '::1', routeKey: 'x' });
    expect(JSON.stringify(event.queryStringParameters)).toBe('{"constructor":"1","__proto__":"2","toString":"3"}');
  });

  fuzzRoutes('fuzz-public', httpRoutes.filter((r) => r.access === 'public' || r.access === 'provider' || r.access === 'action'));
});
