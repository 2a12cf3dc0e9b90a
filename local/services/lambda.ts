/**
 * Lambda `Invoke` on the local endpoint (REST JSON, `POST /2015-03-31/functions/{FunctionName}/invocations`,
 * `?Qualifier=`), for the project's functions run by the Lambda runner:
 *   X-Amz-Invocation-Type RequestResponse (default): 200 with the result; a function error is still a 200, with
 *     `X-Amz-Function-Error: Unhandled` and `{ errorType, errorMessage, trace }` as the payload, as AWS answers.
 *   Event: 202 and an empty body; the function runs in the background (retried twice on error, as Lambda does).
 *   DryRun: 204.
 * An unknown function is a 404 ResourceNotFoundException; a body that is not JSON, InvalidRequestContentException.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaRunner } from '../lambda-runner.ts';
import { AwsError, readBody, sendError } from '../wire.ts';

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;

function parsePayload(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('InvalidRequestContentException', 'Could not parse request body into json', 400, {
      Type: 'User',
    });
  }
}

function clientContext(header: string | undefined): unknown {
  if (!header) return undefined;
  try {
    return JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    throw new AwsError('InvalidRequestContentException', 'Client context must be base64-encoded JSON', 400);
  }
}

export function lambdaService(runner: LambdaRunner) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const match = INVOKE.exec(url.pathname);
      if (!match || req.method !== 'POST')
        throw new AwsError(
          'UnknownOperationException',
          `The local endpoint serves Lambda Invoke only, not ${req.method} ${url.pathname}`,
          404,
        );
      const fn = decodeURIComponent(match[1]!);
      const qualifier = url.searchParams.get('Qualifier') ?? undefined;
      const notFound = () =>
        new AwsError(
          'ResourceNotFoundException',
          `Function not found: ${fn}${qualifier ? `:${qualifier}` : ''}`,
          404,
          { Type: 'User' },
        );
      const target = runner.resolve(fn, qualifier);
      if (!target) throw notFound();
      const event = parsePayload(await readBody(req));
      const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      const common = { 'x-amzn-requestid': randomUUID(), 'x-amz-executed-version': '$LATEST' };
      if (type === 'DryRun') {
        res.writeHead(204, common);
        res.end();
        return;
      }
      if (type === 'Event') {
        runner.invokeAsync(fn, event, qualifier ? { qualifier } : {});
        res.writeHead(202, { ...common, 'content-length': '0' });
        res.end();
        return;
      }
      if (type !== 'RequestResponse')
        throw new AwsError('InvalidParameterValueException', `Unknown invocation type ${type}`, 400);
      const context = clientContext(req.headers['x-amz-client-context'] as string | undefined);
      const result = await runner.invoke(fn, event, {
        ...(qualifier ? { qualifier } : {}),
        requestId: common['x-amzn-requestid'],
        ...(context !== undefined ? { clientContext: context } : {}),
      });
      const text = JSON.stringify(result.ok ? result.payload : result.error);
      res.writeHead(200, {
        ...common,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        ...(result.ok ? {} : { 'x-amz-function-error': 'Unhandled' }),
      });
      res.end(text);
    } catch (error) {
      sendError(res, error);
    }
  };
}
