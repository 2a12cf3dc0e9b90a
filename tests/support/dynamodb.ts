/**
 * DynamoDB for tests: dynalite in process on a free port, the project's table, and clients pointed at it.
 *
 *   const dynamo = await startTestDynamo();          // in beforeAll
 *   const repository = new DynamoDbRepository({ client: dynamo.documentClient, tableName: dynamo.tableName });
 *   const isolated = await dynamo.createTable();      // a fresh table when a test needs one
 *   await dynamo.close();                             // in afterAll
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb-repository.ts';
import { ensureTable, LOCAL_CREDENTIALS, openLocalTable } from '#local/dynamodb/dynalite.ts';

export interface TestDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  /** the table created at start */
  readonly tableName: string;
  /** creates another table (unique name unless given) from the project's definition and returns its name */
  createTable(tableName?: string): Promise<string>;
  /** environment a handler needs to reach this table through the SDK */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export const TEST_REGION = 'eu-west-2';

export async function startTestDynamo(
  options: { tableName?: string; path?: string } = {},
): Promise<TestDynamo> {
  const local = await openLocalTable(options.tableName ?? 'resettle-test', {
    port: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  const { client, tableName } = local;
  let tables = 1;
  const createTable = async (name?: string) => {
    tables += 1;
    const created = name ?? `resettle-test-${tables}`;
    await ensureTable(client, created);
    return created;
  };
  return {
    endpoint: local.endpoint,
    client,
    documentClient: documentClient(client),
    tableName,
    createTable,
    env: () => ({
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
      AWS_REGION: TEST_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    }),
    close: () => local.close(),
  };
}
