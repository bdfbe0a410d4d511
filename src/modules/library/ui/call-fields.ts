import type { Question } from '../core/questionnaire.js';

/** A question as the read-only pages (preview, answers) show it: texts picked in the reader's language. */
export interface QuestionView {
  id: string;
  type: Question['type'];
  label: string;
  help: string;
  required: boolean;
  options: { value: string; label: string }[];
  maxLength?: number;
  minYear?: number;
  maxYear?: number;
  maxFiles?: number;
}
