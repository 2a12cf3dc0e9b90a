/**
 * Amazon SES on the local endpoint: v2 `SendEmail` (REST JSON, `POST /v2/email/outbound-emails`) and v1 `SendEmail`
 * (query protocol, `POST /` with `Action=SendEmail`, what `aws ses send-email` speaks). Each accepted message is
 * stored in the outbox and answered with a `MessageId` as SES does; nothing is delivered.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '#local/clock/clock.ts';
import type { Outbox } from '../outbox.ts';
import { AwsError, isRecord, parseJsonBody, readBody, sendError, sendJson } from '../wire.ts';

/** SES's shape: `0100` + hex, a UUID, `-000000` */
const sesMessageId = () => `0100${randomBytes(6).toString('hex')}-${randomUUID()}-000000`;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

interface Parsed {
  to: string[];
  subject: string | null;
  body: string;
}

/** v2 `Content`: Simple (text, else HTML), Raw (the MIME message, its Subject header) or Template. */
function v2Content(content: unknown, destination: Record<string, unknown>): Parsed {
  if (!isRecord(content)) throw new AwsError('BadRequestException', 'Content is required');
  const to = [
    ...stringList(destination.ToAddresses),
    ...stringList(destination.CcAddresses),
    ...stringList(destination.BccAddresses),
  ];
  if (isRecord(content.Simple)) {
    const simple = content.Simple;
    const subject = isRecord(simple.Subject) ? String(simple.Subject.Data ?? '') : '';
    const body = isRecord(simple.Body) ? simple.Body : {};
    const text = isRecord(body.Text) ? body.Text.Data : undefined;
    const html = isRecord(body.Html) ? body.Html.Data : undefined;
    if (text === undefined && html === undefined)
      throw new AwsError('BadRequestException', 'Content.Simple.Body must have Text or Html');
    return { to, subject, body: String(text ?? html) };
  }
  if (isRecord(content.Raw)) {
    const mime = Buffer.from(String(content.Raw.Data ?? ''), 'base64').toString('utf8');
    const header = (name: string) =>
      new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(mime.split(/\r?\n\r?\n/)[0] ?? '')?.[1]?.trim();
    const raw =
      to.length > 0
        ? to
        : (header('To')
            ?.split(',')
            .map((a) => a.trim()) ?? []);
    return { to: raw, subject: header('Subject') ?? '', body: mime };
  }
  if (isRecord(content.Template)) {
    const t = content.Template;
    return {
      to,
      subject: `[template ${String(t.TemplateName ?? t.TemplateArn ?? 'inline')}]`,
      body: String(t.TemplateData ?? ''),
    };
  }
  throw new AwsError('BadRequestException', 'Content must have Simple, Raw or Template');
}

function check(parsed: Parsed, from: unknown, raw: boolean): void {
  if (parsed.to.length === 0) throw new AwsError('BadRequestException', 'Missing final destination');
  if (parsed.to.length > 50) throw new AwsError('BadRequestException', 'Recipient count exceeds 50');
  if (!raw && (typeof from !== 'string' || from.length === 0))
    throw new AwsError('BadRequestException', 'Missing required field FromEmailAddress');
}

async function sendEmailV2(req: IncomingMessage, res: ServerResponse, outbox: Outbox, clock: Clock) {
  const input = parseJsonBody(await readBody(req));
  const destination = isRecord(input.Destination) ? input.Destination : {};
  const parsed = v2Content(input.Content, destination);
  check(parsed, input.FromEmailAddress, isRecord(isRecord(input.Content) ? input.Content.Raw : undefined));
  const id = sesMessageId();
  outbox.add({
    id,
    channel: 'EMAIL',
    to: parsed.to.join(', '),
    subject: parsed.subject,
    body: parsed.body,
    sentAt: new Date(clock.now()).toISOString(),
    details: {
      api: 'sesv2',
      from: input.FromEmailAddress,
      configurationSet: input.ConfigurationSetName,
      tags: input.EmailTags,
    },
  });
  sendJson(res, 200, { MessageId: id });
}

const xmlEscape = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(xml)) });
  res.end(xml);
}

const NS = 'http://ses.amazonaws.com/doc/2010-12-01/';

async function queryApi(req: IncomingMessage, res: ServerResponse, outbox: Outbox, clock: Clock) {
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  const requestId = randomUUID();
  try {
    const action = form.get('Action');
    if (action !== 'SendEmail')
      throw new AwsError('InvalidAction', `The local endpoint does not serve SES ${action ?? '(no Action)'}`);
    const list = (prefix: string) =>
      [...form.entries()].filter(([k]) => k.startsWith(`${prefix}.member.`)).map(([, v]) => v);
    const to = [
      ...list('Destination.ToAddresses'),
      ...list('Destination.CcAddresses'),
      ...list('Destination.BccAddresses'),
    ];
    const source = form.get('Source');
    if (!source) throw new AwsError('ValidationError', "Value null at 'source' failed to satisfy constraint");
    const subject = form.get('Message.Subject.Data');
    const body = form.get('Message.Body.Text.Data') ?? form.get('Message.Body.Html.Data');
    if (subject === null || body === null)
      throw new AwsError('ValidationError', 'Message.Subject and Message.Body are required');
    if (to.length === 0) throw new AwsError('InvalidParameterValue', 'Missing final destination');
    const id = sesMessageId();
    outbox.add({
      id,
      channel: 'EMAIL',
      to: to.join(', '),
      subject,
      body,
      sentAt: new Date(clock.now()).toISOString(),
      details: { api: 'ses', from: source, configurationSet: form.get('ConfigurationSetName') ?? undefined },
    });
    sendXml(
      res,
      200,
      `<SendEmailResponse xmlns="${NS}"><SendEmailResult><MessageId>${id}</MessageId></SendEmailResult>` +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></SendEmailResponse>`,
    );
  } catch (error) {
    const e = error instanceof AwsError ? error : new AwsError('InternalFailure', String(error), 500);
    sendXml(
      res,
      e.status,
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${xmlEscape(e.code)}</Code>` +
        `<Message>${xmlEscape(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
}

export function sesService(outbox: Outbox, clock: Clock) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (req.method === 'POST' && path === '/v2/email/outbound-emails')
        return await sendEmailV2(req, res, outbox, clock);
      if (req.method === 'POST' && (path === '/' || path === ''))
        return await queryApi(req, res, outbox, clock);
      throw new AwsError(
        'NotFoundException',
        `The local endpoint does not serve SES ${req.method} ${path}`,
        404,
      );
    } catch (error) {
      sendError(res, error);
    }
  };
}
