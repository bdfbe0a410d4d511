import { data } from 'react-router';
import { AppError } from '../../../kernel/errors.js';

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
