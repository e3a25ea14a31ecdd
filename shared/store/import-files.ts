// The imports bucket (issue 17, item 1): where a platform admin's browser puts the whole
// GIAS file, by a presigned PUT, and where the import function reads it. Configured from
// the environment: IMPORT_BUCKET on AWS; locally also S3_ENDPOINT (the local S3 server).
//
// The upload goes through the site's own address (SITE_URL/imports/<id>.csv): CloudFront
// sends /imports/* to the bucket (infra/site.ts), and the local server to the local S3
// server, so the page's Content-Security-Policy stays connect-src 'self' and no CORS is
// needed. The URL is signed for the bucket's own host, which is the Host CloudFront sends.
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface ImportFiles {
  client: S3Client;
  bucket: string;
  /** Where the browser sends the upload: the site's origin. */
  siteUrl: string;
}

/** The object a run's file is put at: the prefix the function may read and S3 notifies on. */
export const IMPORT_PREFIX = 'imports/';
export const importObjectKey = (id: string) => `${IMPORT_PREFIX}${id}.csv`;

/** The run an object key belongs to (S3 events URL-encode keys), or undefined for any other key. */
export function importRunIdOfKey(key: string): string | undefined {
  const decoded = decodeURIComponent(key.replace(/\+/g, ' '));
  return /^imports\/([0-9A-HJKMNP-TV-Z]{26})\.csv$/.exec(decoded)?.[1];
}

export function createImportFiles(config: { bucket: string; siteUrl: string; endpoint?: string; region?: string }): ImportFiles {
  const local = Boolean(config.endpoint);
  const client = new S3Client({
    region: config.region ?? process.env.AWS_REGION ?? 'eu-west-2',
    // A presigned PUT must not carry a checksum of an empty body the browser's file would contradict.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(local ? { endpoint: config.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  });
  return { client, bucket: config.bucket, siteUrl: config.siteUrl.replace(/\/$/, '') };
}

let cached: ImportFiles | undefined;

export function importFilesFromEnv(): ImportFiles {
  if (!cached) {
    const bucket = process.env.IMPORT_BUCKET;
    const siteUrl = process.env.SITE_URL;
    if (!bucket || !siteUrl) throw new Error('IMPORT_BUCKET and SITE_URL must be set');
    cached = createImportFiles({ bucket, siteUrl, ...(process.env.S3_ENDPOINT ? { endpoint: process.env.S3_ENDPOINT } : {}) });
  }
  return cached;
}

/**
 * A PUT address for exactly `bytes` bytes of text/csv at the run's key, for `seconds`: S3
 * refuses any other length or type (both are signed headers).
 */
export async function presignImportUpload(files: ImportFiles, id: string, bytes: number, contentType: string, seconds: number): Promise<string> {
  const key = importObjectKey(id);
  const signed = await getSignedUrl(files.client, new PutObjectCommand({ Bucket: files.bucket, Key: key, ContentType: contentType, ContentLength: bytes }), {
    expiresIn: seconds,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
  return `${files.siteUrl}/${key}${new URL(signed).search}`;
}

/** The uploaded object: its bytes as a stream, its size, type and ETag. */
export async function openImportFile(files: ImportFiles, key: string): Promise<{ body: Readable; bytes: number; contentType: string; tag: string }> {
  const out = await files.client.send(new GetObjectCommand({ Bucket: files.bucket, Key: key }));
  return { body: out.Body as Readable, bytes: out.ContentLength ?? 0, contentType: out.ContentType ?? '', tag: (out.ETag ?? '').replace(/"/g, '') };
}
