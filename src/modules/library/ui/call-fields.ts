import type { Question } from '../core/questionnaire.js';

/** The form field name of a question's answer. */
export function answerField(questionId: string): string {
  return `q_${questionId}`;
}

/** The form field name listing the files of a question that are kept. */
export function keepField(questionId: string): string {
  return `keep_${questionId}`;
}

/** A question as a page shows it: texts picked in the reader's language. */
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
