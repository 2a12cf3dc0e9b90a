/** The release-wait port (release-waits.ts) on the DynamoDB table: one item per case, pk `CASE#<caseId>`, sk
 * `RELEASE_WAIT`. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb-repository.ts';
import type { ReleaseWait, ReleaseWaits } from './release-waits.ts';

const key = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'RELEASE_WAIT' });

export class DynamoDbReleaseWaits implements ReleaseWaits {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBDocumentClient | DynamoDBClient,
  ) {
    this.doc = documentClient(client);
  }

  async storeToken(caseId: string, taskToken: string, executionName: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(caseId),
        UpdateExpression:
          'SET entity = :entity, caseId = :caseId, taskToken = :token, executionName = :name, storedAt = :at',
        ExpressionAttributeValues: {
          ':entity': 'RELEASE_WAIT',
          ':caseId': caseId,
          ':token': taskToken,
          ':name': executionName,
          ':at': at,
        },
      }),
    );
  }

  async get(caseId: string): Promise<ReleaseWait | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: key(caseId), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...wait } = out.Item;
    return wait as ReleaseWait;
  }

  async markDelivered(caseId: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(caseId),
        UpdateExpression: 'SET entity = :entity, caseId = :caseId, deliveredAt = :at',
        ExpressionAttributeValues: { ':entity': 'RELEASE_WAIT', ':caseId': caseId, ':at': at },
      }),
    );
  }
}
