/**
 * The notifier port: send one email or one SMS, return the provider's message id. Callers write an outbox record
 * first (`#functions/notifications/deliver.ts`); the adapters only send: `AwsNotifier` (aws-notifier.ts, SES and End
 * User Messaging SMS) in the cloud, `MemoryNotifier` here for tests and the simulator. The AWS one is a module of its
 * own so that code using only the memory one never loads the SDK clients.
 */

export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /** the outbox key, sent as a message tag / context so delivery events can be matched back (no personal data) */
  readonly key: string;
}

export interface SmsMessage {
  /** E.164 */
  readonly to: string;
  readonly body: string;
  readonly key: string;
}

export interface Notifier {
  sendEmail(message: EmailMessage): Promise<{ messageId: string }>;
  sendSms(message: SmsMessage): Promise<{ messageId: string }>;
}

export interface SentMessage {
  readonly channel: 'EMAIL' | 'SMS';
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
  readonly key: string;
  readonly messageId: string;
}

/** In memory: keeps what was sent (tests, the simulator). `failNext` makes the next sends throw. */
export class MemoryNotifier implements Notifier {
  readonly sent: SentMessage[] = [];
  private failures = 0;
  private seq = 0;

  failNext(count = 1, name = 'ThrottlingException'): void {
    this.failures = count;
    this.failureName = name;
  }
  private failureName = 'ThrottlingException';

  private take(): void {
    if (this.failures > 0) {
      this.failures -= 1;
      const error = new Error('simulated send failure');
      error.name = this.failureName;
      throw error;
    }
  }

  async sendEmail(message: EmailMessage): Promise<{ messageId: string }> {
    this.take();
    const messageId = `email-${++this.seq}`;
    this.sent.push({ channel: 'EMAIL', ...message, messageId });
    return { messageId };
  }

  async sendSms(message: SmsMessage): Promise<{ messageId: string }> {
    this.take();
    const messageId = `sms-${++this.seq}`;
    this.sent.push({ channel: 'SMS', ...message, messageId });
    return { messageId };
  }
}
