import { data } from 'react-router';
import { AppError, httpStatusOf } from '../../../kernel/errors.js';
import { failureOf, type FormFailure } from '../../../web/kit/actions.js';

/** Runs a page loader's read, turning "not found" into a 404 page and bad input (a tampered cursor) into a 400 (not a 500). */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw data('not found', { status: 404 });
    if (e instanceof AppError && e.code === 'invalid_input') throw data(e.message, { status: 400 });
    throw e;
  }
}

/** Errors that need no reason of their own from the command: their code says why (message `error.reason.<code>`). */
const CODED = new Set(['not_found', 'bad_request', 'unauthenticated', 'forbidden']);

/**
 * A refused form action as the page shows it: the kit's failure (English texts and their coded
 * reasons) with the status of the error's code, plus what the page adds (`extra`, e.g. which of its
 * forms was sent). An error without a coded reason of its own is worded by its code. Anything that
 * is not an expected failure is re-thrown.
 */
export function actionFailure<X extends object = object>(e: unknown, values: Record<string, string | string[]>, extra?: X) {
  if (!(e instanceof AppError) || e.code === 'internal') throw e;
  const failure = failureOf(e);
  if (!failure.reason && CODED.has(e.code)) failure.reason = { reason: e.code };
  return data<FormFailure & X>({ ok: false, ...failure, values, ...(extra as X) }, { status: httpStatusOf(e.code) });
}
