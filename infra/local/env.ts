// The environment the functions read, set for the local stack exactly as the CDK stack
// sets it on each Lambda (TABLE_NAME…), plus the local endpoints.
export interface LocalEndpoints {
  tableName: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  siteUrl: string;
}

export function applyLocalEnv(e: LocalEndpoints): void {
  process.env.TABLE_NAME = e.tableName;
  process.env.DYNAMODB_ENDPOINT = e.dynamodbEndpoint;
  process.env.SES_ENDPOINT = e.sesEndpoint;
  process.env.SITE_URL = e.siteUrl;
  process.env.AWS_REGION ??= 'eu-west-2';
  // The SDK never looks for real credentials locally.
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  process.env.POWERTOOLS_SERVICE_NAME ??= 'provider-access-local';
}
