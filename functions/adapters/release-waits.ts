/**
 * Where the custody execution's `AwaitRelease` task token is kept until the release trigger fires. The repository
 * port has no place for it (a task token belongs to a staff task there), so this small port stores one item per case
 * in the same table: pk `CASE#<caseId>`, sk `RELEASE_WAIT` (entity `RELEASE_WAIT`), no GSI. Like every task token it
 * never leaves the system of record. (Owned by the journey: see docs/data-model.md for the rest of the table.)
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb-repository.ts';

export interface ReleaseWait {
  readonly caseId: string;
  readonly taskToken?: string;
  readonly executionName?: string;
  readonly storedAt?: string;
  /** when the release trigger delivered the token (a second firing then does nothing) */
  readonly deliveredAt?: string;
}

export interface ReleaseWaits {
  /** Keeps the newest token of the case's AwaitRelease wait. */
  storeToken(caseId: string, taskToken: string, executionName: string, at: string): Promise<void>;
  get(caseId: string): Promise<ReleaseWait | undefined>;
  markDelivered(caseId: string, at: string): Promise<void>;
}

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

export class MemoryReleaseWaits implements ReleaseWaits {
  readonly waits = new Map<string, ReleaseWait>();

  async storeToken(caseId: string, taskToken: string, executionName: string, at: string): Promise<void> {
    this.waits.set(caseId, { ...this.waits.get(caseId), caseId, taskToken, executionName, storedAt: at });
  }

  async get(caseId: string): Promise<ReleaseWait | undefined> {
    return this.waits.get(caseId);
  }

  async markDelivered(caseId: string, at: string): Promise<void> {
    this.waits.set(caseId, { ...this.waits.get(caseId), caseId, deliveredAt: at });
  }
}
