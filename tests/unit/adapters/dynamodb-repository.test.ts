import { afterAll, beforeAll } from 'vitest';
import { DynamoDbRepository } from '#adapters/dynamodb-repository.ts';
import { startTestDynamo, type TestDynamo } from '#tests/support/dynamodb.ts';
import { repositoryContract } from './repository.contract.ts';

let dynamo: TestDynamo;

beforeAll(async () => {
  dynamo = await startTestDynamo();
});

afterAll(async () => {
  await dynamo?.close();
});

// a fresh table per test keeps tests independent
repositoryContract(
  'DynamoDbRepository on dynalite',
  async () =>
    new DynamoDbRepository({ client: dynamo.documentClient, tableName: await dynamo.createTable() }),
);
