/**
 * DynamoDB for tests: dynalite in process on a free port, the project's table, and clients pointed at it.
 *
 *   const dynamo = await startTestDynamo();          // in beforeAll
 *   const repository = new DynamoDbRepository({ client: dynamo.documentClient, tableName: dynamo.tableName });
 *   const isolated = await dynamo.createTable();      // a fresh table when a test needs one
 *   await dynamo.close();                             // in afterAll
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#adapters/dynamodb-repository.ts';
import { ensureTable, startDynalite } from '#local/dynamodb/dynalite.ts';

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
const TEST_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startTestDynamo(
  options: { tableName?: string; path?: string } = {},
): Promise<TestDynamo> {
  const server = await startDynalite({ port: 0, ...(options.path ? { path: options.path } : {}) });
  const client = new DynamoDBClient({
    endpoint: server.endpoint,
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
  });
  let tables = 0;
  const createTable = async (tableName?: string) => {
    tables += 1;
    const name = tableName ?? `resettle-test-${tables}`;
    await ensureTable(client, name);
    return name;
  };
  const tableName = await createTable(options.tableName ?? 'resettle-test');
  return {
    endpoint: server.endpoint,
    client,
    documentClient: documentClient(client),
    tableName,
    createTable,
    env: () => ({
      TABLE_NAME: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: server.endpoint,
      AWS_REGION: TEST_REGION,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    }),
    async close() {
      client.destroy();
      await server.close();
    },
  };
}
