/**
 * The first administrator of a deployment, in one command. The staff API knows a caller by the `sub` of their
 * Cognito token (functions/api/auth.ts), so a staff member's id is their Cognito user's `sub`, and their role comes
 * from their staff record. Administrators add everyone else (`POST /staff`), but the first one has nobody to add
 * them: this creates their Cognito user (Cognito emails them a temporary password) and then their ADMIN staff
 * record under its `sub`. Run again for the same email, it finds the user and writes the same record.
 *
 *   npm run bootstrap-admin -- --user-pool-id <UserPoolId> --table <TableName> --email <email> --name "<name>"
 *                              [--mobile +447700900123]
 *
 * The user pool id and table name are stack outputs; credentials and region come from the usual AWS environment.
 * It prints the new administrator's staff id, never their name or contact details.
 */
import { parseArgs } from 'node:util';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type AttributeType,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { DynamoDbRepository } from '#adapters/dynamodb-repository.ts';
import type { ResettleRepository } from '#adapters/repository.ts';
import type { Staff } from '#domain/entities.ts';
import { boundedText, emailSchema, MAX_NAME_LENGTH, parseInput, ukMobileSchema } from '#schemas/common.ts';

const argsSchema = z.strictObject({
  userPoolId: z
    .string({ error: 'is required' })
    .regex(/^[\w-]+_[0-9a-zA-Z]+$/, { error: 'must be a user pool id, e.g. eu-west-2_AbCdEf123' }),
  table: z.string({ error: 'is required' }).min(3, { error: 'must be a table name' }),
  email: emailSchema,
  name: boundedText(MAX_NAME_LENGTH),
  mobile: ukMobileSchema.optional(),
});

export type BootstrapArgs = z.output<typeof argsSchema>;

/** What the command needs of Cognito: create a user, or find the one that has this email already. */
export interface UserDirectory {
  /** the new user's attributes; `exists` when a user with this username is there already */
  create(userPoolId: string, email: string): Promise<readonly AttributeType[] | 'exists'>;
  get(userPoolId: string, email: string): Promise<readonly AttributeType[]>;
}

export function cognitoDirectory(client = new CognitoIdentityProviderClient({})): UserDirectory {
  return {
    async create(userPoolId, email) {
      try {
        const out = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: email,
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
            ],
            DesiredDeliveryMediums: ['EMAIL'],
          }),
        );
        return out.User?.Attributes ?? [];
      } catch (error) {
        if ((error as Error).name === 'UsernameExistsException') return 'exists';
        throw error;
      }
    },
    async get(userPoolId, email) {
      const out = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
      return out.UserAttributes ?? [];
    },
  };
}

export type BootstrapResult =
  | { readonly ok: true; readonly staffId: string; readonly createdUser: boolean }
  | { readonly ok: false; readonly errors: readonly { field: string; message: string }[] };

/** Validates the arguments (nothing is called when one is wrong), then makes the user and the ADMIN record. */
export async function bootstrapAdmin(
  args: Record<string, unknown>,
  ports: { readonly directory: UserDirectory; readonly repository: (table: string) => ResettleRepository },
): Promise<BootstrapResult> {
  const parsed = parseInput(argsSchema, args);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const input = parsed.value;
  const created = await ports.directory.create(input.userPoolId, input.email);
  const attributes =
    created === 'exists' ? await ports.directory.get(input.userPoolId, input.email) : created;
  const staffId = attributes.find((a) => a.Name === 'sub')?.Value;
  if (!staffId) throw new Error('the Cognito user has no sub');
  const staff: Staff = {
    staffId,
    name: input.name,
    email: input.email,
    role: 'ADMIN',
    ...(input.mobile ? { mobile: input.mobile } : {}),
  };
  await ports.repository(input.table).putStaff(staff);
  return { ok: true, staffId, createdUser: created !== 'exists' };
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'user-pool-id': { type: 'string' },
      table: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      mobile: { type: 'string' },
    },
    strict: true,
  });
  const { 'user-pool-id': userPoolId, ...rest } = values;
  const result = await bootstrapAdmin(
    { userPoolId, ...rest },
    {
      directory: cognitoDirectory(),
      repository: (tableName) => new DynamoDbRepository({ tableName }),
    },
  );
  if (!result.ok) {
    for (const e of result.errors)
      console.error(`--${e.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${e.message}`);
    return 2;
  }
  console.log(
    `administrator ${result.staffId} ${result.createdUser ? 'created: Cognito has emailed a temporary password' : 'already had a user: staff record written'}`,
  );
  return 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error((error as Error).name, (error as Error).message);
      process.exitCode = 1;
    },
  );
}
