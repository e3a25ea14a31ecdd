// One DynamoDB Local for the whole test run, in memory. Each test file makes its own table
// (test/support/table.ts), so files never see each other's items. One hash key for the run
// (a deployment's secret, locally a file): test/setup.ts gives it to every test file.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { ephemeralHashKeyFile } from '#infra/local/hash-key.ts';
import { buildWeb } from '../web/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    hashKeyFile: string;
  }
}

export default async function setup(project: TestProject) {
  // The site the local server serves (web/dist), built once per run from web/src.
  const [dynamodb] = await Promise.all([startDynamoDbLocal(), buildWeb()]);
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  project.provide('hashKeyFile', ephemeralHashKeyFile());
  return async () => {
    await dynamodb.stop();
  };
}
