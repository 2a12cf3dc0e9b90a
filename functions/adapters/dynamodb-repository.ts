/**
 * The repository on DynamoDB (AWS, or dynalite locally) through the lib-dynamodb DocumentClient: the same
 * TableRepository logic as the memory adapter, over a store that turns its conditions and updates into
 * expressions. Single-item conditional writes only (dynalite has no TransactWriteItems); no Scan.
 */
import { type ConsumedCapacity, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Condition,
  dataOf,
  deepFreeze,
  gsiMembership,
  type Item,
  type ItemStore,
  indexKeys,
  itemSizeBytes,
  type Key,
  type PutResult,
  type QueryInput,
  StatsCounter,
  type Update,
  updateGsiCount,
  type WriteResult,
} from './item-store.ts';
import type { RepositoryOptions, RepositoryStats } from './repository.ts';
import { TableRepository } from './table-repository.ts';

/** An item's data as an answer: frozen, as the memory store's are (see ItemStore). */
function answerOf(item: Item): Item {
  return deepFreeze(dataOf(item));
}

/**
 * The bytes a write is charged for: DynamoDB charges a write that replaces or updates an item for the larger of
 * the item before and after, and only it knows the size before. Its table units (asked for per write) say so.
 */
function chargedBytes(size: number, output: { ConsumedCapacity?: ConsumedCapacity }): number {
  const units = output.ConsumedCapacity?.Table?.CapacityUnits ?? 0;
  return Math.max(size, units * 1024);
}

/** Builds expression strings with placeholder names (#n0) and values (:v0). */
class Expressions {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private readonly nameOf = new Map<string, string>();

  name(attribute: string): string {
    let placeholder = this.nameOf.get(attribute);
    if (!placeholder) {
      placeholder = `#n${this.nameOf.size}`;
      this.nameOf.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  value(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  condition(condition: Condition): string {
    if ('exists' in condition) return `attribute_exists(${this.name(condition.exists)})`;
    if ('notExists' in condition) return `attribute_not_exists(${this.name(condition.notExists)})`;
    if ('equals' in condition)
      return `${this.name(condition.equals[0])} = ${this.value(condition.equals[1])}`;
    if ('notEquals' in condition) {
      // a missing attribute differs from every value, as in the memory store
      const name = this.name(condition.notEquals[0]);
      return `(attribute_not_exists(${name}) OR ${name} <> ${this.value(condition.notEquals[1])})`;
    }
    if ('and' in condition) return `(${condition.and.map((part) => this.condition(part)).join(' AND ')})`;
    return `(${condition.or.map((part) => this.condition(part)).join(' OR ')})`;
  }

  update(update: Update): string {
    const clauses: string[] = [];
    const set = Object.entries(update.set ?? {});
    if (set.length)
      clauses.push(`SET ${set.map(([n, v]) => `${this.name(n)} = ${this.value(v)}`).join(', ')}`);
    if (update.remove?.length) clauses.push(`REMOVE ${update.remove.map((n) => this.name(n)).join(', ')}`);
    const add = Object.entries(update.add ?? {});
    if (add.length) clauses.push(`ADD ${add.map(([n, v]) => `${this.name(n)} ${this.value(v)}`).join(', ')}`);
    return clauses.join(' ');
  }

  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Item } {
    return {
      ...(Object.keys(this.names).length ? { ExpressionAttributeNames: this.names } : {}),
      ...(Object.keys(this.values).length ? { ExpressionAttributeValues: this.values } : {}),
    };
  }
}

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';
}

export class DynamoDbItemStore implements ItemStore {
  private readonly counter = new StatsCounter();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(key: Key): Promise<Item | undefined> {
    const item = await this.consistentRead(key);
    return item ? answerOf(item) : undefined;
  }

  async put(item: Item, condition?: Condition): Promise<PutResult> {
    const expressions = new Expressions();
    const conditionExpression = condition ? expressions.condition(condition) : undefined;
    const size = itemSizeBytes(item);
    let output: { ConsumedCapacity?: ConsumedCapacity };
    try {
      output = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ...(conditionExpression ? { ConditionExpression: conditionExpression } : {}),
          ...expressions.attributes(),
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      this.counter.write(size, 0, true);
      return this.refused(item as Key);
    }
    this.counter.write(chargedBytes(size, output), gsiMembership(item), false);
    return { ok: true };
  }

  async update(key: Key, update: Update, condition: Condition): Promise<WriteResult> {
    const expressions = new Expressions();
    const updateExpression = expressions.update(update);
    const conditionExpression = expressions.condition(condition);
    try {
      const output = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: key.pk, sk: key.sk },
          UpdateExpression: updateExpression,
          ConditionExpression: conditionExpression,
          ...expressions.attributes(),
          ReturnValues: 'ALL_NEW',
          ReturnConsumedCapacity: 'INDEXES',
        }),
      );
      const item = output.Attributes ?? {};
      this.counter.write(chargedBytes(itemSizeBytes(item), output), updateGsiCount(item, update), false);
      return { ok: true, item: answerOf(item) };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.consistentRead(key);
      this.counter.write(existing ? itemSizeBytes(existing) : 0, 0, true);
      return existing ? { ok: false, existing: answerOf(existing) } : { ok: false };
    }
  }

  async delete(key: Key, condition?: Condition): Promise<boolean> {
    const expressions = new Expressions();
    const conditionExpression = condition ? expressions.condition(condition) : undefined;
    try {
      const output = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: key.pk, sk: key.sk },
          ...(conditionExpression ? { ConditionExpression: conditionExpression } : {}),
          ...expressions.attributes(),
          ReturnValues: 'ALL_OLD',
        }),
      );
      const old = output.Attributes;
      this.counter.write(old ? itemSizeBytes(old) : 0, gsiMembership(old), false);
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      this.counter.write(0, 0, true);
      return false;
    }
  }

  async query(input: QueryInput): Promise<Item[]> {
    const { partitionKey, sortKey } = indexKeys(input.index);
    const expressions = new Expressions();
    let keyCondition = `${expressions.name(partitionKey)} = ${expressions.value(input.partition)}`;
    if (input.beginsWith !== undefined) {
      keyCondition += ` AND begins_with(${expressions.name(sortKey)}, ${expressions.value(input.beginsWith)})`;
    }
    const consistent = input.index === undefined;
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const output = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          ...(input.index ? { IndexName: input.index } : {}),
          KeyConditionExpression: keyCondition,
          ...expressions.attributes(),
          ConsistentRead: consistent,
          ScanIndexForward: input.ascending !== false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const page = output.Items ?? [];
      this.counter.read(
        page.reduce((sum, item) => sum + itemSizeBytes(item), 0),
        consistent,
      );
      for (const item of page) items.push(answerOf(item));
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  stats(): RepositoryStats {
    return this.counter.snapshot();
  }

  resetStats(): void {
    this.counter.reset();
  }

  /** After a refused put, the item's data as it is now (consistent read). */
  private async refused(key: Key): Promise<PutResult> {
    const existing = await this.consistentRead(key);
    return existing ? { ok: false, existing: answerOf(existing) } : { ok: false };
  }

  /** The whole item (counted as a GetItem), for a refused write: its size is what the refusal costs. */
  private async consistentRead(key: Key): Promise<Item | undefined> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
    );
    this.counter.read(output.Item ? itemSizeBytes(output.Item) : 0, true);
    return output.Item;
  }
}

export interface DynamoDbRepositoryConfig extends RepositoryOptions {
  readonly tableName: string;
  /** a DocumentClient, or a DynamoDBClient to wrap; default a DynamoDBClient from the environment */
  readonly client?: DynamoDBDocumentClient | DynamoDBClient;
}

/** Wraps a DynamoDBClient as the DocumentClient the repository expects (undefined values dropped). */
export function documentClient(client: DynamoDBDocumentClient | DynamoDBClient): DynamoDBDocumentClient {
  if (client instanceof DynamoDBDocumentClient) return client;
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

export class DynamoDbRepository extends TableRepository {
  constructor(config: DynamoDbRepositoryConfig) {
    const { tableName, client, ...options } = config;
    super(new DynamoDbItemStore(documentClient(client ?? new DynamoDBClient({})), tableName), options);
  }
}

/** The repository a handler uses: table from TABLE_NAME, endpoint and region from the SDK's environment. */
export function dynamoDbRepositoryFromEnv(
  env: Record<string, string | undefined> = process.env,
  options: RepositoryOptions = {},
): DynamoDbRepository {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  return new DynamoDbRepository({ tableName, ...options });
}
