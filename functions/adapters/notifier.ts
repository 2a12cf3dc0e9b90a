/**
 * The notifier port: send one email or one SMS, return the provider's message id. Callers write an outbox record
 * first (`#functions/notifications/deliver.ts`); the adapters only send.
 *
 * Email goes through SES v2 `SendEmail` with the configuration set (delivery, bounce and complaint events).
 * SMS goes through AWS End User Messaging SMS (`PinpointSMSVoiceV2.SendTextMessage`) rather than SNS `Publish` to a
 * phone number: End User Messaging is where UK sender IDs and origination identities are registered and chosen, where
 * configuration sets route delivery events (so a failed SMS is visible per message), and where spend limits and
 * opt-out lists are managed; SNS SMS is a thin, older front to the same service without those controls.
 */
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

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

export interface AwsNotifierConfig {
  readonly emailFrom: string;
  readonly sesConfigurationSet?: string;
  readonly smsOriginationIdentity?: string;
  readonly ses?: SESv2Client;
  readonly sms?: PinpointSMSVoiceV2Client;
}

/** A tag value SES accepts: letters, digits, `_`, `-`, `.`, `@`, at most 256 characters. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);
}

export class AwsNotifier implements Notifier {
  private readonly ses: SESv2Client;
  private readonly sms: PinpointSMSVoiceV2Client;

  constructor(private readonly config: AwsNotifierConfig) {
    this.ses = config.ses ?? new SESv2Client({});
    this.sms = config.sms ?? new PinpointSMSVoiceV2Client({});
  }

  async sendEmail(message: EmailMessage): Promise<{ messageId: string }> {
    const out = await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.config.emailFrom,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.body, Charset: 'UTF-8' } },
          },
        },
        ...(this.config.sesConfigurationSet ? { ConfigurationSetName: this.config.sesConfigurationSet } : {}),
        EmailTags: [{ Name: 'outbox', Value: tagValue(message.key) }],
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }

  async sendSms(message: SmsMessage): Promise<{ messageId: string }> {
    const out = await this.sms.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: message.to,
        MessageBody: message.body,
        MessageType: 'TRANSACTIONAL',
        ...(this.config.smsOriginationIdentity
          ? { OriginationIdentity: this.config.smsOriginationIdentity }
          : {}),
        Context: { outbox: tagValue(message.key) },
      }),
    );
    return { messageId: out.MessageId ?? '' };
  }
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
