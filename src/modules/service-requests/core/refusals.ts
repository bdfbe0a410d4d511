import type { FieldErrors, FieldReasons, Reason, ReasonValue } from '../../../kernel/errors.js';

/**
 * The fields a check refused, each with its English text (the API's `fields`) and its coded
 * reason (worded by the page as `error.field.<reason>` in the reader's language), gathered in
 * one go so a form shows every problem at once.
 */
export class Refusals {
  readonly fields: FieldErrors = {};
  readonly reasons: FieldReasons = {};

  /** Refuses `field` (the first refusal of a field wins, as in zod's). */
  add(field: string, text: string, reason: string, values?: Record<string, ReasonValue>): void {
    if (field in this.fields) return;
    this.fields[field] = text;
    const coded: Reason = values ? { reason, values } : { reason };
    this.reasons[field] = coded;
  }

  /** Takes in another check's refusals. */
  addAll(other: { fields: FieldErrors; reasons?: FieldReasons }): void {
    for (const [field, text] of Object.entries(other.fields)) {
      if (field in this.fields) continue;
      this.fields[field] = text;
      const reason = other.reasons?.[field];
      if (reason) this.reasons[field] = reason;
    }
  }

  /** Whether anything was refused. */
  get any(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}
