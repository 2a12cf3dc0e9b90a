/**
 * Every email and SMS the local endpoint accepted, in order, kept in memory and appended to `outbox.jsonl` in the
 * data directory (so the record survives a restart). Nothing is delivered anywhere: this is the place to read them.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMessage {
  /** the provider's message id answered to the caller */
  readonly id: string;
  readonly channel: 'EMAIL' | 'SMS';
  /** the recipient(s): email addresses joined with `, `, or the E.164 phone number */
  readonly to: string;
  /** null for SMS */
  readonly subject: string | null;
  readonly body: string;
  /** ISO instant on the runtime's clock */
  readonly sentAt: string;
  /** everything else the request said (sender, configuration set, tags, context), for diagnostics */
  readonly details?: Record<string, unknown>;
}

export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly file: string | undefined;

  constructor(dataDir?: string) {
    this.file = dataDir ? join(dataDir, 'outbox.jsonl') : undefined;
    if (this.file && existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          this.messages.push(JSON.parse(line) as OutboxMessage);
        } catch {
          // a line cut short by a crash mid-write: the message before it is intact, skip the fragment
        }
      }
    }
  }

  add(message: OutboxMessage): OutboxMessage {
    this.messages.push(message);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(message)}\n`);
    return message;
  }

  /** All messages, oldest first, without the diagnostic details. */
  list(): Omit<OutboxMessage, 'details'>[] {
    return this.messages.map(({ details: _details, ...message }) => message);
  }

  /** All messages with the request details. */
  all(): readonly OutboxMessage[] {
    return this.messages;
  }
}
