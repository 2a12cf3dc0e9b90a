/**
 * AWS End User Messaging SMS on the local endpoint: AWS JSON 1.0 `PinpointSMSVoiceV2.SendTextMessage`. The
 * destination is validated as the service does (E.164: `+`, country code, at most 15 digits; a ValidationException
 * with `Reason` and `Fields` otherwise); an accepted message is stored in the outbox and answered `{ MessageId }`.
 * `DryRun` validates and stores nothing.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '#local/clock/clock.ts';
import type { Outbox } from '../outbox.ts';
import { AwsError, parseJsonBody, readBody, sendError, sendJson } from '../wire.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** the API model's pattern for DestinationPhoneNumber */
const MODEL_PATTERN = /^\+?[1-9][0-9]{1,18}$/;
/** what the service then requires: E.164 with its plus sign, at most 15 digits */
const E164 = /^\+[1-9][0-9]{6,14}$/;
const MESSAGE_TYPES = new Set(['TRANSACTIONAL', 'PROMOTIONAL']);

function invalid(field: string, message: string, reason = 'FIELD_VALIDATION_FAILED'): AwsError {
  return new AwsError('ValidationException', message, 400, {
    Reason: reason,
    Fields: [{ Name: field, Message: message }],
  });
}

export function validateSendTextMessage(input: Record<string, unknown>): void {
  const to = input.DestinationPhoneNumber;
  if (typeof to !== 'string' || to.length === 0)
    throw invalid('DestinationPhoneNumber', 'DestinationPhoneNumber is required', 'MISSING_PARAMETER');
  if (to.length > 20 || !MODEL_PATTERN.test(to))
    throw invalid(
      'DestinationPhoneNumber',
      `Value '${to.replace(/\d(?=\d{3})/g, '*')}' at 'destinationPhoneNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: \\+?[1-9][0-9]{1,18}`,
    );
  if (!E164.test(to))
    throw invalid(
      'DestinationPhoneNumber',
      'DestinationPhoneNumber is not a valid E.164 phone number',
      'CANNOT_PARSE',
    );
  const body = input.MessageBody;
  if (body !== undefined && (typeof body !== 'string' || body.length < 1 || body.length > 1600))
    throw invalid('MessageBody', 'MessageBody must be between 1 and 1600 characters');
  if (input.MessageType !== undefined && !MESSAGE_TYPES.has(String(input.MessageType)))
    throw invalid('MessageType', 'MessageType must be TRANSACTIONAL or PROMOTIONAL');
}

export function smsService(outbox: Outbox, clock: Clock) {
  return async (req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> => {
    try {
      if (operation !== 'SendTextMessage')
        throw new AwsError(
          'UnknownOperationException',
          `The local endpoint does not serve PinpointSMSVoiceV2.${operation}`,
        );
      const input = parseJsonBody(await readBody(req));
      validateSendTextMessage(input);
      const id = randomUUID();
      if (input.DryRun !== true)
        outbox.add({
          id,
          channel: 'SMS',
          to: String(input.DestinationPhoneNumber),
          subject: null,
          body: String(input.MessageBody ?? ''),
          sentAt: new Date(clock.now()).toISOString(),
          details: {
            api: 'pinpoint-sms-voice-v2',
            originationIdentity: input.OriginationIdentity,
            messageType: input.MessageType,
            configurationSet: input.ConfigurationSetName,
            context: input.Context,
          },
        });
      sendJson(res, 200, { MessageId: id }, CONTENT_TYPE);
    } catch (error) {
      sendError(res, error, CONTENT_TYPE);
    }
  };
}
