/**
 * DynamoDB for the local runtime and the tests: dynalite in process, on loopback, and the project's table
 * created from the same definition the CDK stack uses. dynalite has no transactions and never expires items (TTL).
 */
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTableInput } from '#adapters/table-definition.ts';
import { REGION } from '../wire.ts';

/** dynalite checks that requests are signed, not by whom */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface DynaliteOptions {
  /** 0 (default) picks a free port */
  readonly port?: number;
  /** directory for LevelDB persistence; in memory when absent */
  readonly path?: string;
  readonly host?: string;
}

export interface RunningDynalite {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startDynalite(options: DynaliteOptions = {}): Promise<RunningDynalite> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(options.path ? { path: options.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        // keep-alive sockets of SDK clients would otherwise hold the server open
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Creates the table if it does not exist (idempotent) and waits until it and its GSIs are ACTIVE. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException || (error as Error).name === 'ResourceInUseException'))
      throw error;
  }
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (performance.now() > deadline) throw new Error(`table ${tableName} not ACTIVE after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface LocalTable {
  readonly endpoint: string;
  /** an SDK client for the endpoint */
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** destroys the client, then stops dynalite */
  close(): Promise<void>;
}

/** dynalite, the project's table in it, and a client: what the local stack, the simulator and the tests open. */
export async function openLocalTable(tableName: string, options: DynaliteOptions = {}): Promise<LocalTable> {
  const server = await startDynalite(options);
  const client = new DynamoDBClient({
    endpoint: server.endpoint,
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const close = async () => {
    client.destroy();
    await server.close();
  };
  try {
    await ensureTable(client, tableName);
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint: server.endpoint, client, tableName, close };
}
