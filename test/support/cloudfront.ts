// The tests' stand-in for CloudFront in front of a local stack. On AWS, CloudFront adds the
// origin secret and the viewer's address to every request it passes to the API; a test
// that needs many callers (so that per-IP rate limits do not get in its way) does the
// same: its stack is started with this secret, and its client sends it beside the viewer
// address it chooses. Without the secret the header is ignored (shared/http/client-ip.ts).
import { randomBytes } from 'node:crypto';
import { ORIGIN_HEADER, VIEWER_ADDRESS_HEADER } from '#shared/http/client-ip.ts';

/** Made afresh for each test process, as CloudFormation makes the real one per deployment. */
export const TEST_ORIGIN_SECRET = randomBytes(32).toString('base64url');

/** The headers CloudFront would add for a viewer at `ip`. */
export function viaCloudFront(ip: string): Record<string, string> {
  return { [ORIGIN_HEADER]: TEST_ORIGIN_SECRET, [VIEWER_ADDRESS_HEADER]: `${ip.includes(':') ? `[${ip}]` : ip}:443` };
}
