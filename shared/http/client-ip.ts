import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The caller's IP for rate limits. Behind CloudFront, API Gateway sees the edge's address;
 * CloudFront passes the viewer's own in CloudFront-Viewer-Address ("ip:port"), which the
 * stack's origin request policy forwards. Locally there is no CloudFront: the socket's.
 */
export function clientIp(event: APIGatewayProxyEventV2): string {
  const viewer = event.headers?.['cloudfront-viewer-address'];
  if (viewer) {
    const m = /^\[?([^\]]+?)\]?:\d+$/.exec(viewer.trim());
    if (m?.[1]) return m[1];
  }
  return event.requestContext.http.sourceIp;
}
