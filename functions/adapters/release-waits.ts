/**
 * Where the custody execution's `AwaitRelease` task token is kept until the release trigger fires. The repository
 * port has no place for it (a task token belongs to a staff task there), so this small port stores one item per case
 * in the same table: pk `CASE#<caseId>`, sk `RELEASE_WAIT` (entity `RELEASE_WAIT`), no GSI. Like every task token it
 * never leaves the system of record. (Owned by the journey: see docs/data-model.md for the rest of the table.)
 * `DynamoDbReleaseWaits` is in dynamodb-release-waits.ts, so that code using the memory one never loads the SDK.
 */

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
