import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbRepository } from '#adapters/dynamodb-repository.ts';
import { TABLE_DEFINITION } from '#adapters/table-definition.ts';
import { ensureTable, startDynalite } from '#local/dynamodb/dynalite.ts';
import { aNewCase } from '#tests/support/repository-builders.ts';

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
}

describe('local DynamoDB (dynalite)', () => {
  it('creates the table with its GSIs once, and ensureTable is idempotent', async () => {
    const dynamo = await startDynalite();
    const client = clientFor(dynamo.endpoint);
    try {
      expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
      await ensureTable(client, 'resettle');
      await ensureTable(client, 'resettle');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'resettle' }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
        TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName).sort(),
      );
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });

  it('keeps data across restarts when given a directory', async () => {
    const path = await mkdtemp(join(tmpdir(), 'resettle-dynalite-'));
    try {
      const first = await startDynalite({ path });
      const firstClient = clientFor(first.endpoint);
      await ensureTable(firstClient, 'resettle');
      await new DynamoDbRepository({ client: firstClient, tableName: 'resettle' }).createCase(
        aNewCase(),
        '2025-12-01T09:00:00.000Z',
      );
      firstClient.destroy();
      await first.close();

      const second = await startDynalite({ path });
      const secondClient = clientFor(second.endpoint);
      await ensureTable(secondClient, 'resettle');
      const repo = new DynamoDbRepository({ client: secondClient, tableName: 'resettle' });
      expect((await repo.getCaseByCrn('X123456'))?.caseId).toBe('case-1');
      secondClient.destroy();
      await second.close();
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  });
});
