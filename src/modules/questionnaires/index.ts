import type { ModuleManifest } from '../../db/context.js';
import en from './ui/messages/en.json' with { type: 'json' };
import es from './ui/messages/es.json' with { type: 'json' };
import fr from './ui/messages/fr.json' with { type: 'json' };
import pt from './ui/messages/pt.json' with { type: 'json' };
import uk from './ui/messages/uk.json' with { type: 'json' };

/**
 * The platform's one questionnaire engine (DESIGN.md "Parts that several modules share"): item
 * types, display conditions and pages, validation of questionnaires and answers, comparison of
 * versions, and the form that renders them. Library calls use it now; consultations and event
 * registrations build on it. It has no tables or routes of its own: each module stores its
 * questionnaires and answers.
 */
export const questionnairesModule: ModuleManifest = {
  id: 'questionnaires',
  messages: { en, es, fr, pt, uk },
};

export {
  CONDITION_OPS,
  DEFAULT_LIMITS,
  DISPLAY_TYPES,
  ITEM_TYPES,
  MAX_ITEMS,
  MAX_SCALE_POINTS,
  OTHER_VALUE,
  choiceSchema,
  conditionSchema,
  isQuestionType,
  itemSchema,
  maxLengthOf,
  rankCount,
  readChoices,
  scaleRange,
} from './core/items.js';
export type {
  AnswerValue,
  Answers,
  Choice,
  ChoicesWithOther,
  Condition,
  ConditionOp,
  FileAnswer,
  Item,
  ItemInput,
  ItemType,
  OtherChoice,
  PlaceAnswer,
  Questionnaire,
} from './core/items.js';
export {
  conditionHolds,
  isBlankAnswer,
  isPageShown,
  nextPage,
  pagesOf,
  previousPage,
  ruleHolds,
  visibleIds,
  visibleItems,
} from './core/conditions.js';
export type { Page } from './core/conditions.js';
export { isCalendarDate, validateQuestionnaire } from './core/validate-questionnaire.js';
export type { QuestionnaireErrors } from './core/validate-questionnaire.js';
export { checkAnswer, validateAnswers } from './core/answers.js';
export type { AnswersCheck, Refusal as AnswerRefusal } from './core/answers.js';
export { breakingChanges, compareQuestionnaires } from './core/compare.js';
export type { ChangeKind, QuestionnaireChange } from './core/compare.js';
export { answerName, answersFromForm, answersOfValues, DEFAULT_PREFIX, formValuesOf, searchParamsOf } from './ui/form-names.js';
export type { FormValues } from './ui/form-names.js';
export { QuestionnaireFields, useAnswerErrors } from './ui/questionnaire-fields.js';
export type { QuestionnaireFieldsProps } from './ui/questionnaire-fields.js';
export { choicesFromLines, editorFieldOf, editorValuesOf, itemFromEditorForm, linesOfChoices, withLanguage } from './ui/item-editor.js';
export { ItemEditorFields, useEditorLabels } from './ui/item-editor-fields.js';
export type { EarlierQuestion, ItemEditorFieldsProps } from './ui/item-editor-fields.js';
