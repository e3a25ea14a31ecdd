// One DynamoDB Local for the whole test run, in memory. Each test file makes its own table
// (test/support/table.ts), so files never see each other's items.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb.ts';
import { buildWeb } from '../web/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export default async function setup(project: TestProject) {
  // The site the local server serves (web/dist), built once per run from web/src.
  const [dynamodb] = await Promise.all([startDynamoDbLocal(), buildWeb()]);
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
  };
}
