import { Field } from '../../../web/kit/form.js';
import { useT } from '../../../web/kit/i18n.js';
import { ITEM_TYPES, isQuestionType, type ItemType } from '../core/items.js';
import { settingsOf, TYPE_SETTINGS } from '../core/validate-questionnaire.js';
import { BOOLEAN_SETTINGS, LIST_SETTINGS, MAX_RULES, NUMBER_SETTINGS, RULE_OPS, SPARE_RULES } from './item-editor.js';

/** A question before the edited item, which its display condition may look at. */
export interface EarlierQuestion {
  id: string;
  label: string;
  /** Its option codes (choice and ranking questions), which `equals`/`contains` compare with. */
  options: string[];
}

export interface ItemEditorFieldsProps {
  /** The item's form values (editorValuesOf, or what was typed in a refused form). */
  values: Record<string, string | string[]>;
  /** The worded error of a field, by its name. */
  errorOf: (name: string) => string | undefined;
  /** The questions before this item. */
  earlier: readonly EarlierQuestion[];
  /** The item's texts in the site's main language, shown beside the fields when writing another (null when writing in it). */
  reference: { language: string; values: Record<string, string> } | null;
}

/**
 * The fields of one item in the questionnaire editor (without the form around them): its type and
 * code, its texts in the page's language, the settings of its type, and its display condition.
 * See item-editor.ts for the names and how they are read.
 */
export function ItemEditorFields({ values, errorOf, earlier, reference }: ItemEditorFieldsProps) {
  const t = useT();
  const v = (name: string) => {
    const x = values[name];
    return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
  };
  const type = (ITEM_TYPES as readonly string[]).includes(v('type')) ? (v('type') as ItemType) : 'short_text';
  const asks = isQuestionType(type);
  const inReference = (name: string) => {
    const text = reference?.values[name];
    return text ? t('questionnaires.editor.inReference', { language: reference.language, text }) : undefined;
  };
  const hintOf = (name: string, own?: string) => [own, inReference(name)].filter(Boolean).join(' ') || undefined;
  const check = (name: string) => (
    <div className="choice" key={name}>
      <input type="checkbox" id={`field-${name}`} name={name} defaultChecked={v(name) === 'on'} />
      <label htmlFor={`field-${name}`}>{t(`questionnaires.editor.setting.${name}`)}</label>
    </div>
  );
  const labelWord = asks
    ? 'questionnaires.editor.label'
    : type === 'section'
      ? 'questionnaires.editor.sectionName'
      : 'questionnaires.editor.pageName';
  const ruleCount = Object.keys(values).filter((k) => /^rule\.\d+\.question$/.test(k) && v(k)).length + SPARE_RULES;
  return (
    <>
      <Field name="type" label={t('questionnaires.editor.type')} hint={t('questionnaires.editor.typeHint')} error={errorOf('type')} required>
        {(p) => (
          <select {...p} defaultValue={type}>
            {ITEM_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {t(`questionnaires.type.${ty}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="id" label={t('questionnaires.editor.code')} hint={t('questionnaires.editor.codeHint')} error={errorOf('id')} required>
        {(p) => <input {...p} type="text" autoComplete="off" spellCheck={false} defaultValue={v('id')} />}
      </Field>
      <Field name="label" label={t(labelWord)} hint={hintOf('label')} error={errorOf('label')} required={asks}>
        {(p) => <input {...p} type="text" defaultValue={v('label')} />}
      </Field>
      <Field name="help" label={t('questionnaires.editor.help')} hint={hintOf('help')} error={errorOf('help')}>
        {(p) => <textarea {...p} rows={2} defaultValue={v('help')} />}
      </Field>
      {asks && (
        <>
          {check('required')}
          {check('demographic')}
        </>
      )}
      {settingsOf(type).map((setting) => {
        if (BOOLEAN_SETTINGS.has(setting)) return check(setting);
        const label = t(`questionnaires.editor.setting.${setting}`);
        if (setting === 'display')
          return (
            <Field key={setting} name={setting} label={label} error={errorOf(setting)}>
              {(p) => (
                <select {...p} defaultValue={v(setting) || 'radio'}>
                  <option value="radio">{t('questionnaires.editor.displayRadio')}</option>
                  <option value="list">{t('questionnaires.editor.displayList')}</option>
                </select>
              )}
            </Field>
          );
        if (LIST_SETTINGS.has(setting) || setting === 'body')
          return (
            <Field
              key={setting}
              name={setting}
              label={label}
              hint={hintOf(setting, setting === 'body' ? undefined : t('questionnaires.editor.choicesHint'))}
              error={errorOf(setting)}
              required={setting !== 'body'}
            >
              {(p) => <textarea {...p} rows={setting === 'body' ? 6 : 5} spellCheck={setting === 'body'} defaultValue={v(setting)} />}
            </Field>
          );
        const dates = setting === 'minDate' || setting === 'maxDate';
        return (
          <Field
            key={setting}
            name={setting}
            label={label}
            hint={dates ? t('questionnaires.editor.dateHint') : hintOf(setting)}
            error={errorOf(setting)}
          >
            {(p) => (
              <input
                {...p}
                type="text"
                inputMode={NUMBER_SETTINGS.has(setting) ? 'decimal' : undefined}
                size={NUMBER_SETTINGS.has(setting) || dates ? 10 : undefined}
                defaultValue={v(setting)}
              />
            )}
          </Field>
        );
      })}
      <fieldset className="editor-condition">
        <legend>{t('questionnaires.editor.condition')}</legend>
        {earlier.length === 0 ? (
          <p className="hint">{t('questionnaires.editor.noEarlier')}</p>
        ) : (
          <>
            <p className="hint">{t('questionnaires.editor.conditionHint')}</p>
            <Field name="combine" label={t('questionnaires.editor.combine')} error={errorOf('combine')}>
              {(p) => (
                <select {...p} defaultValue={v('combine') || 'all'}>
                  <option value="all">{t('questionnaires.editor.combineAll')}</option>
                  <option value="any">{t('questionnaires.editor.combineAny')}</option>
                </select>
              )}
            </Field>
            {Array.from({ length: ruleCount }, (_, n) => {
              const chosen = earlier.find((q) => q.id === v(`rule.${n}.question`));
              return (
                <fieldset key={n} className="editor-rule">
                  <legend>{t('questionnaires.editor.rule', { n: n + 1 })}</legend>
                  <Field name={`rule.${n}.question`} label={t('questionnaires.editor.ruleQuestion')} error={errorOf(`rule.${n}.question`)}>
                    {(p) => (
                      <select {...p} defaultValue={v(`rule.${n}.question`)}>
                        <option value="">{t('questionnaires.editor.noRule')}</option>
                        {earlier.map((q) => (
                          <option key={q.id} value={q.id}>
                            {q.label} ({q.id})
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field name={`rule.${n}.op`} label={t('questionnaires.editor.ruleOp')} error={errorOf(`rule.${n}.op`)}>
                    {(p) => (
                      <select {...p} defaultValue={v(`rule.${n}.op`) || 'equals'}>
                        {RULE_OPS.map((op) => (
                          <option key={op} value={op}>
                            {t(`questionnaires.editor.op.${op}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <Field
                    name={`rule.${n}.value`}
                    label={t('questionnaires.editor.ruleValue')}
                    hint={chosen?.options.length ? t('questionnaires.editor.ruleValues', { codes: chosen.options.join(', ') }) : undefined}
                    error={errorOf(`rule.${n}.value`)}
                  >
                    {(p) => <input {...p} type="text" defaultValue={v(`rule.${n}.value`)} />}
                  </Field>
                </fieldset>
              );
            })}
          </>
        )}
      </fieldset>
    </>
  );
}

/** The editor's fields named by their labels, for a page's error summary (rules by their number). */
export function useEditorLabels(): Record<string, string> {
  const t = useT();
  return {
    type: t('questionnaires.editor.type'),
    id: t('questionnaires.editor.code'),
    label: t('questionnaires.editor.label'),
    help: t('questionnaires.editor.help'),
    combine: t('questionnaires.editor.combine'),
    ...Object.fromEntries(TYPE_SETTINGS.map((s) => [s, t(`questionnaires.editor.setting.${s}`)])),
    ...Object.fromEntries(
      Array.from({ length: MAX_RULES + SPARE_RULES }, (_, n) => {
        const rule = t('questionnaires.editor.rule', { n: n + 1 });
        return [
          [`rule.${n}.question`, `${rule}: ${t('questionnaires.editor.ruleQuestion')}`],
          [`rule.${n}.op`, `${rule}: ${t('questionnaires.editor.ruleOp')}`],
          [`rule.${n}.value`, `${rule}: ${t('questionnaires.editor.ruleValue')}`],
        ];
      }).flat(),
    ),
  };
}
