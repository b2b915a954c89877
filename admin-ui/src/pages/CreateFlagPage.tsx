import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { CreateFlagMutation } from '../api/documents';
import { outcome } from '../api/mutate';
import { Field } from '../components/Field';
import { NameAndKeyFields, useNameAndKey } from '../components/NameAndKeyFields';
import { useNotify } from '../components/Notice';
import type { ValueType } from '../gql/graphql';
import { VariationsEditor } from '../flag/VariationsEditor';
import { checkDrafts, starterDrafts, type DraftErrors, type VariationDraft } from '../flag/variations';
import { DESCRIPTION_MAX, FLAG_KEY, NAME_MAX, REASON_MAX, TAG, parseTags } from '../flag/values';
import type { FlagKind } from '../gql/graphql';
import { KindField } from '../stale/KindField';
import { useProject } from './ProjectLayout';

const TYPES: { value: ValueType; label: string; hint: string }[] = [
  { value: 'BOOLEAN', label: 'Boolean', hint: 'On or off: the usual release toggle.' },
  { value: 'STRING', label: 'String', hint: 'Text variations, e.g. a copy or algorithm name.' },
  { value: 'NUMBER', label: 'Number', hint: 'Numeric variations, e.g. a limit or timeout.' },
  { value: 'JSON', label: 'JSON', hint: 'Structured configuration.' },
];

export function CreateFlagPage() {
  const { project } = useProject();
  const navigate = useNavigate();
  const notify = useNotify();
  const [, createFlag] = useMutation(CreateFlagMutation);
  const nameAndKey = useNameAndKey(128);
  const { name, effectiveKey } = nameAndKey;
  const [description, setDescription] = useState('');
  const [tagsText, setTagsText] = useState('');
  const [kind, setKind] = useState<FlagKind>('RELEASE');
  const [type, setType] = useState<ValueType>('BOOLEAN');
  const [drafts, setDrafts] = useState<VariationDraft[]>(starterDrafts('BOOLEAN'));
  const [defaultVariation, setDefaultVariation] = useState('on');
  const [offVariation, setOffVariation] = useState('off');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [draftErrors, setDraftErrors] = useState<DraftErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const variationKeys = drafts.map((d) => d.key).filter(Boolean);

  function chooseType(next: ValueType) {
    setType(next);
    const starters = starterDrafts(next);
    setDrafts(starters);
    setDraftErrors({});
    setDefaultVariation(starters[0].key);
    setOffVariation(starters[starters.length - 1].key);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Give the flag a name.';
    else if (name.length > NAME_MAX) found.name = `At most ${NAME_MAX} characters.`;
    if (!FLAG_KEY.test(effectiveKey)) found.key = 'Lowercase letters, digits, ., _ and -, starting with a letter or digit.';
    if (description.length > DESCRIPTION_MAX) found.description = `At most ${DESCRIPTION_MAX} characters.`;
    const tags = parseTags(tagsText);
    const badTag = tags.find((t) => !TAG.test(t));
    if (badTag) found.tags = `“${badTag}” is not a valid tag: letters, digits and _ . : / -.`;
    if (tags.length > 50) found.tags = 'At most 50 tags.';
    if (reason.length > REASON_MAX) found.reason = `At most ${REASON_MAX} characters.`;
    const checked = checkDrafts(type, drafts);
    if (checked.problem) found.variations = checked.problem;
    if (!variationKeys.includes(defaultVariation)) found.defaultVariation = 'Choose one of the variations.';
    if (!variationKeys.includes(offVariation)) found.offVariation = 'Choose one of the variations.';
    setErrors(found);
    setDraftErrors(checked.errors);
    if (Object.keys(found).length || Object.keys(checked.errors).length) return;

    setBusy(true);
    setServerError(null);
    const { problem } = await outcome(
      createFlag({
        input: {
          projectKey: project.key,
          key: effectiveKey,
          name: name.trim(),
          description,
          tags,
          valueType: type,
          kind,
          variations: checked.variations,
          defaultVariation,
          offVariation,
          reason: reason.trim() || undefined,
        },
      }),
    );
    setBusy(false);
    if (problem?.code === 'CONFLICT') {
      // The key is taken: say so at the key, where it can be changed.
      setErrors({ key: problem.message });
      document.querySelector<HTMLInputElement>('[data-field="key"]')?.focus();
      return;
    }
    if (problem) {
      setServerError(problem.message);
      return;
    }
    notify(`Flag ${effectiveKey} created, off in every environment`);
    navigate(`/projects/${project.key}/flags/${effectiveKey}`);
  }

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/projects/${project.key}/flags`}>Flags</Link> <span aria-hidden="true">/</span> <span aria-current="page">New flag</span>
      </nav>
      <h2>New flag</h2>
      <form className="card form-card" onSubmit={submit} noValidate>
        <div className="form-grid">
          <NameAndKeyFields state={nameAndKey} errors={errors} keyHint="What code asks for; cannot be changed later." />
        </div>
        <Field label="Description" optional error={errors.description}>
          {({ id, describedBy, invalid }) => <textarea id={id} rows={2} value={description} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label="Tags" optional hint="Separate with commas or spaces, e.g. checkout, team:payments" error={errors.tags}>
          {({ id, describedBy, invalid }) => <input id={id} value={tagsText} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setTagsText(e.target.value)} />}
        </Field>

        <KindField kind={kind} onChange={setKind} />

        <fieldset className="type-picker">
          <legend>Type</legend>
          {TYPES.map((t) => (
            <label key={t.value} className={`type-option${type === t.value ? ' selected' : ''}`}>
              <input type="radio" name="valueType" value={t.value} checked={type === t.value} onChange={() => chooseType(t.value)} />
              <span className="type-option-label">{t.label}</span>
              <span className="type-option-hint">{t.hint}</span>
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>Variations</legend>
          <VariationsEditor type={type} drafts={drafts} onChange={setDrafts} errors={draftErrors} />
          {errors.variations && (
            <p className="field-error" role="alert">
              {errors.variations}
            </p>
          )}
        </fieldset>

        <div className="form-grid">
          <Field label="Default variation" hint="Served when the flag is on." error={errors.defaultVariation}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={defaultVariation} onChange={(e) => setDefaultVariation(e.target.value)}>
                {!variationKeys.includes(defaultVariation) && <option value={defaultVariation}>Choose…</option>}
                {variationKeys.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Off variation" hint="Served when the flag is off." error={errors.offVariation}>
            {({ id, describedBy }) => (
              <select id={id} aria-describedby={describedBy} value={offVariation} onChange={(e) => setOffVariation(e.target.value)}>
                {!variationKeys.includes(offVariation) && <option value={offVariation}>Choose…</option>}
                {variationKeys.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label="Reason" optional hint="Recorded with the change in the audit history." error={errors.reason}>
          {({ id, describedBy, invalid }) => <input id={id} value={reason} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <p className="hint">The new flag starts turned off in every environment.</p>
        {serverError && (
          <div className="alert error" role="alert">
            {serverError}
          </div>
        )}
        <div className="form-actions">
          <Link className="button" to={`/projects/${project.key}/flags`}>
            Cancel
          </Link>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create flag'}
          </button>
        </div>
      </form>
    </div>
  );
}
