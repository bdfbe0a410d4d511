import { describe, expect, it } from 'vitest';
import { itemSchema, type Item } from '../core/items.js';
import { validateQuestionnaire } from '../core/validate-questionnaire.js';
import { choicesFromLines, editorFieldOf, editorValuesOf, itemFromEditorForm, linesOfChoices } from './item-editor.js';

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const item = (input: unknown): Item => itemSchema.parse(input);

describe('the questionnaire editor form', () => {
  it('reads choices as code | words lines, one language at a time, keeping the others', () => {
    const en = choicesFromLines('yes | Yes\nno | No\n\n', 'en', undefined);
    expect(en).toEqual([
      { value: 'yes', label: { en: 'Yes' } },
      { value: 'no', label: { en: 'No' } },
    ]);
    const uk = choicesFromLines('yes | Так\nno |', 'uk', item({ id: 'q', type: 'single_choice', label: { en: 'Q' }, options: en }).options);
    expect(uk).toEqual([
      { value: 'yes', label: { en: 'Yes', uk: 'Так' } },
      { value: 'no', label: { en: 'No' } },
    ]);
    expect(linesOfChoices(item({ id: 'q', type: 'single_choice', label: { en: 'Q' }, options: uk }).options, 'uk')).toBe('yes | Так\nno |');
  });

  it('makes codes for choices written as words only, from the words or the position', () => {
    const made = choicesFromLines('Public transport\nЗдоров’я\nPublic transport', 'en', undefined);
    expect(made.map((c) => c.value)).toEqual(['public_transport', 'o2', 'public_transport_2']);
    expect(made[1].label).toEqual({ en: 'Здоров’я' });
  });

  it('builds an item with the settings of its type, a condition and texts in the page language', () => {
    const built = itemFromEditorForm(
      form({
        type: 'single_choice',
        id: 'commute',
        label: 'How do you get to work?',
        help: '',
        required: 'on',
        options: 'car | Car\nbus | Bus',
        display: 'list',
        allowOther: 'on',
        min: '3',
        combine: 'any',
        'rule.0.question': 'works',
        'rule.0.op': 'equals',
        'rule.0.value': 'yes',
        'rule.1.question': 'age',
        'rule.1.op': 'answered',
        'rule.1.value': 'ignored',
        'rule.2.question': '',
      }),
      'en',
    );
    expect(built).toEqual({
      id: 'commute',
      type: 'single_choice',
      label: { en: 'How do you get to work?' },
      required: true,
      options: [
        { value: 'car', label: { en: 'Car' } },
        { value: 'bus', label: { en: 'Bus' } },
      ],
      display: 'list',
      allowOther: true,
      showIf: {
        combine: 'any',
        rules: [
          { question: 'works', op: 'equals', value: 'yes' },
          { question: 'age', op: 'answered' },
        ],
      },
    });
  });

  it('gives back what it shows: an item read from its own form values is the same item, in each language', () => {
    const before = item({
      id: 'prio',
      type: 'ranking',
      label: { en: 'Rank these', uk: 'Упорядкуйте' },
      help: { en: 'First is most important' },
      required: true,
      demographic: false,
      options: [
        { value: 'rail', label: { en: 'Rail', uk: 'Залізниця' } },
        { value: 'care', label: { en: 'Care', uk: 'Догляд' } },
      ],
      top: 2,
      showIf: { combine: 'all', rules: [{ question: 'age', op: 'not_equals', value: 'u18' }] },
    });
    for (const lang of ['en', 'uk']) {
      const again = itemSchema.parse(itemFromEditorForm(form(editorValuesOf(before, 'ranking', lang)), lang, before));
      expect(again).toEqual({ ...before, demographic: undefined });
    }
  });

  it('drops the settings the new type does not have when the type changes, and keeps other languages', () => {
    const scale = item({ id: 'trust', type: 'scale', label: { en: 'Trust', fr: 'Confiance' }, min: 0, max: 10, minLabel: { en: 'None' } });
    const changed = itemFromEditorForm(form({ ...editorValuesOf(scale, 'scale', 'en'), type: 'short_text', maxLength: '80' }), 'en', scale);
    expect(changed).toEqual({ id: 'trust', type: 'short_text', label: { en: 'Trust', fr: 'Confiance' }, required: false, maxLength: 80 });
  });

  it('puts a refusal on the field it is about: a typed setting, a checked rule, or another item where it stands', () => {
    const wrong = itemFromEditorForm(form({ type: 'number', id: 'n', label: 'How many?', min: 'ten' }), 'en');
    expect(wrong.min).toBe('ten');
    const refused = validateQuestionnaire([{ id: 'a', type: 'short_text', label: { en: 'A' } }, wrong]);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    const [key] = Object.keys(refused.error.fields);
    expect(key).toBe('questions.1.min');
    expect(editorFieldOf(key, refused.error.reasons[key], { id: 'n', index: 1 })).toBe('min');

    const few = validateQuestionnaire([{ id: 'c', type: 'single_choice', label: { en: 'C' }, options: [{ value: 'a', label: { en: 'A' } }] }]);
    if (few.ok) throw new Error('one option should be refused');
    expect(editorFieldOf('questions.c', few.error.reasons['questions.c'], { id: 'c', index: 0 })).toBe('options');
    expect(
      editorFieldOf('questions.c', { reason: 'range_reversed' }, { id: 'c', index: 0 }, item({ id: 'c', type: 'date', label: { en: 'D' } })),
    ).toBe('minDate');
    expect(editorFieldOf('questions.other', { reason: 'in_use' }, { id: 'c', index: 0 })).toBe('questions.other');
    // A condition's refusal lands on its own rule: the third rule's value here.
    const choice = {
      id: 'c',
      type: 'single_choice',
      label: { en: 'C' },
      options: [
        { value: 'a', label: { en: 'A' } },
        { value: 'b', label: { en: 'B' } },
      ],
    };
    const rules = [
      { question: 'c', op: 'answered' },
      { question: 'c', op: 'equals', value: 'a' },
      { question: 'c', op: 'equals', value: 'zz' },
    ];
    const third = validateQuestionnaire([choice, { id: 'd', type: 'short_text', label: { en: 'D' }, showIf: { combine: 'all', rules } }]);
    if (third.ok) throw new Error('a value that is not an option should be refused');
    expect(editorFieldOf('questions.d', third.error.reasons['questions.d'], { id: 'd', index: 1 })).toBe('rule.2.value');
    expect(editorFieldOf('questions.1.showIf.rules.1.op', { reason: 'invalid_choice' }, { id: 'd', index: 1 })).toBe('rule.1.op');
  });
});
