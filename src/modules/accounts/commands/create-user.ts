import { z } from 'zod';
import type { Deps } from '../../../db/context.js';
import { AppError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { parseInput } from '../../../kernel/validation.js';
import { emailSchema, localeSchema, nameSchema, passwordSchema } from '../core/rules.js';
import { findUserByEmail, insertUser, type UserRow } from '../store/users.js';
import { hashPassword } from './support.js';

export const createUserInput = z.object({
  email: emailSchema,
  name: nameSchema,
  password: passwordSchema,
  confirmed: z.boolean().default(false),
  locale: localeSchema.optional(),
});

/** Creates an account directly, without email (for seeds, tests and the CLI). */
export async function createUser(deps: Deps, siteId: string, input: z.input<typeof createUserInput>): Promise<UserRow> {
  const data = parseInput(createUserInput, input);
  if (await findUserByEmail(deps.db, siteId, data.email)) {
    throw new AppError('conflict', 'An account with this email exists on this site.', { fields: { email: 'already has an account' } });
  }
  const now = deps.clock.now();
  return insertUser(deps.db, {
    id: newId(),
    siteId,
    email: data.email,
    name: data.name,
    passwordHash: await hashPassword(data.password),
    emailConfirmedAt: data.confirmed ? now : null,
    locale: data.locale ?? null,
    createdAt: now,
  });
}
