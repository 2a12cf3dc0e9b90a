/**
 * DynamoDB on the local endpoint: every `DynamoDB_20120810.*` request is streamed to dynalite (in process, on its
 * own loopback port) and the answer streamed back, status, headers and body unchanged, so the SDK's checks (the
 * `x-amz-crc32` of the body, for one) hold exactly as they do against dynalite itself.
 */
import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { AwsError, sendError } from '../wire.ts';

export function dynamoDbProxy(dynaliteEndpoint: string) {
  const target = new URL(dynaliteEndpoint);
  return (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    new Promise<void>((resolve) => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
          answer.on('end', resolve);
          answer.on('error', () => {
            res.destroy();
            resolve();
          });
        },
      );
      upstream.on('error', (error) => {
        sendError(res, new AwsError('InternalFailure', `dynalite is not answering: ${error.message}`, 500));
        resolve();
      });
      req.pipe(upstream);
    });
}
