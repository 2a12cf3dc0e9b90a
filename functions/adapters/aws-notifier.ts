/**
 * The notifier port (notifier.ts) against AWS.
 *
 * Email goes through SES v2 `SendEmail` with the configuration set (delivery, bounce and complaint events).
 * SMS goes through AWS End User Messaging SMS (`PinpointSMSVoiceV2.SendTextMessage`) rather than SNS `Publish` to a
 * phone number: End User Messaging is where UK sender IDs and origination identities are registered and chosen, where
 * configuration sets route delivery events (so a failed SMS is visible per message), and where spend limits and
 * opt-out lists are managed; SNS SMS is a thin, older front to the same service without those controls.
 */
import { PinpointSMSVoiceV2Client, SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Notifier, SmsMessage } from './notifier.ts';

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
