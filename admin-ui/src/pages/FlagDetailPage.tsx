import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FlagHeading } from '../flag/FlagHeading';
import { PendingChangeRequests } from '../approval/PendingChangeRequests';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  ArchiveFlagMutation,
  FlagQuery,
  RestoreFlagMutation,
  SetDefaultVariationMutation,
  SetFlagVariationsMutation,
  SetOffVariationMutation,
  ToggleFlagMutation,
  UpdateFlagDetailsMutation,
} from '../api/documents';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { Field } from '../components/Field';
import { useNotify } from '../components/Notice';
import { Switch } from '../components/Switch';
import { describeFlagChanges } from '../flag/changes';
import { VariationsEditor } from '../flag/VariationsEditor';
import { TargetingSection } from '../targeting/TargetingSection';
import { ScheduleSection } from '../schedule/ScheduleSection';
import { checkDrafts, draftsOf, type DraftErrors, type VariationDraft } from '../flag/variations';
import { DESCRIPTION_MAX, NAME_MAX, TAG, parseTags, previewValue } from '../flag/values';
import type { FlagFieldsFragment, ProjectFieldsFragment } from '../gql/graphql';
import { queryState } from './QueryState';
import { FlagHistorySection } from '../audit/FlagHistorySection';
import { LiveFlagUpdates } from '../live/LiveFlagUpdates';
import { UnsavedEditsProvider, useReportUnsaved, useUnsavedRegistry } from '../live/UnsavedEdits';
import type { FlagKind } from '../gql/graphql';
import { KindField } from '../stale/KindField';
import { anyRequiresReason, policyText, proposedText, protectionOf, useProject } from './ProjectLayout';

export function FlagDetailPage() {
  const { project } = useProject();
  const { flagKey = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: FlagQuery, variables: { projectKey: project.key, key: flagKey } });
  const [change, setChange] = useState<ChangeRequest | null>(null);
  // After a CONFLICT: the flag as the user saw it, to say what changed once the latest has loaded.
  const staleCopy = useRef<FlagFieldsFragment | null>(null);
  const [changedMeanwhile, setChangedMeanwhile] = useState<{ version: number; changes: string[] } | null>(null);
  const flag = data?.flag;
  const unsaved = useUnsavedRegistry();

  useEffect(() => {
    const before = staleCopy.current;
    if (!flag || !before || flag.version === before.version) return;
    setChangedMeanwhile({ version: flag.version, changes: describeFlagChanges(before, flag, new Map(project.environments.map((e) => [e.key, e.name]))) });
    staleCopy.current = null;
  }, [flag, project]);

  const unavailable = queryState('flag', { error, fetching, hasData: !!data, found: !!flag });
  if (unavailable || !flag) return unavailable;

  const reload = () => {
    staleCopy.current = flag;
    reexecute({ requestPolicy: 'network-only' });
  };

  return (
    <UnsavedEditsProvider registry={unsaved}>
    <div className="page flag-detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/projects/${project.key}/flags`}>Flags</Link> <span aria-hidden="true">/</span> <span aria-current="page">{flag.key}</span>
      </nav>
      <header className="flag-header">
        <div>
          <FlagHeading
            flag={flag}
            versionTestId="flag-version"
            changedLabel="updated"
            formatTime={(iso) => new Date(iso).toLocaleString()}
          />
          {flag.tags.length > 0 && (
            <ul className="tags" aria-label="Tags">
              {flag.tags.map((t) => (
                <li key={t}>
                  <Link className="tag" to={`/projects/${project.key}/flags?tag=${encodeURIComponent(t)}`}>
                    {t}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>

      <PendingChangeRequests projectKey={project.key} kind="Flag" subjectKey={flag.key} />

      <LiveFlagUpdates
        projectKey={project.key}
        flagKey={flag.key}
        version={flag.version}
        busy={() => unsaved.any() || change !== null}
        refresh={() => reexecute({ requestPolicy: 'network-only' })}
        reload={reload}
        environmentName={(key) => project.environments.find((e) => e.key === key)?.name ?? key}
      />

      {changedMeanwhile && (
        <div className="alert warning" role="status">
          <div className="alert-row">
            <strong>Reloaded: this is version {changedMeanwhile.version}. Changed since you opened it:</strong>
            <button className="button small ghost" onClick={() => setChangedMeanwhile(null)} aria-label="Dismiss">
              Dismiss
            </button>
          </div>
          <ul>
            {changedMeanwhile.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <p>Check that your change still applies, then make it again.</p>
        </div>
      )}

      {flag.archived && (
        <div className="alert info">
          This flag is archived: it is listed under Archived and its settings are read-only. Restore it to change it again.
        </div>
      )}

      <EnvironmentsSection flag={flag} project={project} ask={setChange} />
      <TargetingSection flag={flag} project={project} ask={setChange} />
      <ScheduleSection flag={flag} project={project} ask={setChange} />
      <VariationsSection key={`v${flag.version}`} flag={flag} project={project} ask={setChange} />
      <DetailsSection key={`d${flag.version}`} flag={flag} ask={setChange} />
      <LifecycleSection flag={flag} project={project} ask={setChange} />
      <FlagHistorySection flag={flag} project={project} />

      {change && <ChangeDialog {...change} subject="flag" onClose={() => setChange(null)} onReload={reload} />}
    </div>
    </UnsavedEditsProvider>
  );
}

type SectionProps = { flag: FlagFieldsFragment; project: ProjectFieldsFragment; ask: (c: ChangeRequest) => void };

function EnvironmentsSection({ flag, project, ask }: SectionProps) {
  const notify = useNotify();
  const [, toggle] = useMutation(ToggleFlagMutation);
  const [, setDefault] = useMutation(SetDefaultVariationMutation);
  const [, setOff] = useMutation(SetOffVariationMutation);
  const base = { projectKey: flag.projectKey, key: flag.key, expectedVersion: flag.version };
  const variationLabel = (key: string) => {
    const v = flag.variations.find((x) => x.key === key);
    return v ? `${v.key} (${previewValue(v.value)})` : key;
  };

  return (
    <section className="card section" aria-labelledby="envs-title">
      <h3 id="envs-title">Environments</h3>
      <table className="table env-table">
        <thead>
          <tr>
            <th scope="col">Environment</th>
            <th scope="col">Serving</th>
            <th scope="col">Default variation</th>
            <th scope="col">Off variation</th>
          </tr>
        </thead>
        <tbody>
          {flag.environments.map((config) => {
            const env = project.environments.find((e) => e.key === config.key) ?? { key: config.key, name: config.key, requireReason: false };
            const policy = env.requireReason ? `${env.name} requires a reason for every change.` : undefined;
            return (
              <tr key={config.key} data-environment={config.key}>
                <th scope="row">
                  <span className="env-name">{env.name}</span>
                  {env.requireReason && <span className="badge subtle">reason required</span>}
                </th>
                <td>
                  <Switch
                    checked={config.enabled}
                    label={`${flag.name} in ${env.name}`}
                    disabled={flag.archived}
                    onChange={(enabled) =>
                      ask({
                        title: `Turn ${enabled ? 'on' : 'off'} in ${env.name}`,
                        summary: (
                          <p>
                            <strong>{flag.name}</strong> will serve <span className="mono">{variationLabel(enabled ? config.defaultVariation : config.offVariation)}</span> to
                            everyone in <strong>{env.name}</strong>.
                          </p>
                        ),
                        reasonRequired: env.requireReason,
                        reasonPolicy: policy,
                        approval: protectionOf(project, config.key),
                        confirmLabel: enabled ? 'Turn on' : 'Turn off',
                        danger: !enabled,
                        apply: async (reason) => {
                          const { problem, data } = await outcome(toggle({ input: { ...base, environment: config.key, enabled, reason } }));
                          if (data) notify(data.toggleFlag.changeRequest ? proposedText(protectionOf(project, config.key)) : `${flag.key} is ${enabled ? 'on' : 'off'} in ${env.name} (version ${data.toggleFlag.flag.version})`);
                          return problem;
                        },
                      })
                    }
                  />
                </td>
                <td>
                  <VariationSelect
                    label={`Default variation in ${env.name}`}
                    value={config.defaultVariation}
                    flag={flag}
                    onChoose={(variation) =>
                      ask({
                        title: `Change the default variation in ${env.name}`,
                        summary: (
                          <p>
                            When on, <strong>{flag.name}</strong> will serve <span className="mono">{variationLabel(variation)}</span> in {env.name} instead of{' '}
                            <span className="mono">{variationLabel(config.defaultVariation)}</span>.
                          </p>
                        ),
                        reasonRequired: env.requireReason,
                        reasonPolicy: policy,
                        approval: protectionOf(project, config.key),
                        confirmLabel: 'Change default',
                        apply: async (reason) => {
                          const { problem, data } = await outcome(setDefault({ input: { ...base, environment: config.key, variation, reason } }));
                          if (data) notify(data.setDefaultVariation.changeRequest ? proposedText(protectionOf(project, config.key)) : `Default in ${env.name} is now ${variation}`);
                          return problem;
                        },
                      })
                    }
                  />
                </td>
                <td>
                  <VariationSelect
                    label={`Off variation in ${env.name}`}
                    value={config.offVariation}
                    flag={flag}
                    onChoose={(variation) =>
                      ask({
                        title: `Change the off variation in ${env.name}`,
                        summary: (
                          <p>
                            When off, <strong>{flag.name}</strong> will serve <span className="mono">{variationLabel(variation)}</span> in {env.name} instead of{' '}
                            <span className="mono">{variationLabel(config.offVariation)}</span>.
                          </p>
                        ),
                        reasonRequired: env.requireReason,
                        reasonPolicy: policy,
                        approval: protectionOf(project, config.key),
                        confirmLabel: 'Change off variation',
                        apply: async (reason) => {
                          const { problem, data } = await outcome(setOff({ input: { ...base, environment: config.key, variation, reason } }));
                          if (data) notify(data.setOffVariation.changeRequest ? proposedText(protectionOf(project, config.key)) : `Off variation in ${env.name} is now ${variation}`);
                          return problem;
                        },
                      })
                    }
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function VariationSelect({ label, value, flag, onChoose }: { label: string; value: string; flag: FlagFieldsFragment; onChoose: (key: string) => void }) {
  return (
    <select aria-label={label} value={value} disabled={flag.archived} onChange={(e) => e.target.value !== value && onChoose(e.target.value)}>
      {flag.variations.map((v) => (
        <option key={v.key} value={v.key}>
          {v.key} · {previewValue(v.value)}
        </option>
      ))}
    </select>
  );
}

function VariationsSection({ flag, project, ask }: SectionProps) {
  const notify = useNotify();
  const [, setVariations] = useMutation(SetFlagVariationsMutation);
  const [drafts, setDrafts] = useState<VariationDraft[]>(() => draftsOf(flag.valueType, flag.variations));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  // Targeting that serves a variation uses it too: the server refuses to remove it.
  const inUse = new Set(
    flag.environments.flatMap((e) => [
      e.defaultVariation,
      e.offVariation,
      ...e.targeting.targets.map((t) => t.variation),
      ...e.targeting.rules.flatMap((r) => (r.serve.variation ? [r.serve.variation] : (r.serve.rollout?.weights ?? []).filter((w) => w.weight > 0).map((w) => w.variation))),
      ...(e.targeting.fallthroughRollout?.weights ?? []).filter((w) => w.weight > 0).map((w) => w.variation),
    ]),
  );
  const original = JSON.stringify(draftsOf(flag.valueType, flag.variations).map(({ id: _id, ...rest }) => rest));
  const dirty = JSON.stringify(drafts.map(({ id: _id, ...rest }) => rest)) !== original;
  useReportUnsaved(dirty);

  function save(event: FormEvent) {
    event.preventDefault();
    const checked = checkDrafts(flag.valueType, drafts);
    setErrors(checked.errors);
    setProblem(checked.problem ?? null);
    if (checked.problem || Object.keys(checked.errors).length) return;
    const before = new Set(flag.variations.map((v) => v.key));
    const after = new Set(checked.variations.map((v) => v.key));
    const added = [...after].filter((k) => !before.has(k));
    const removed = [...before].filter((k) => !after.has(k));
    ask({
      title: 'Save variations',
      summary: (
        <div>
          <p>
            Replace the variations of <strong>{flag.name}</strong> in every environment.
          </p>
          <ul>
            {added.length > 0 && <li>Added: {added.join(', ')}</li>}
            {removed.length > 0 && <li>Removed: {removed.join(', ')}</li>}
            {added.length === 0 && removed.length === 0 && <li>Values or names of existing variations change.</li>}
          </ul>
        </div>
      ),
      reasonRequired: anyRequiresReason(project),
      reasonPolicy: policyText(project),
      approval: protectionOf(project, null),
      confirmLabel: 'Save variations',
      apply: async (reason) => {
        const result = await outcome(setVariations({ input: { projectKey: flag.projectKey, key: flag.key, expectedVersion: flag.version, variations: checked.variations, reason } }));
        if (result.data) notify(result.data.setFlagVariations.changeRequest ? proposedText(protectionOf(project, null)) : 'Variations saved');
        return result.problem;
      },
    });
  }

  return (
    <section className="card section" aria-labelledby="variations-title">
      <h3 id="variations-title">Variations</h3>
      <form onSubmit={save} noValidate>
        <VariationsEditor type={flag.valueType} drafts={drafts} onChange={setDrafts} errors={errors} inUse={inUse} disabled={flag.archived} />
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {!flag.archived && (
          <div className="form-actions">
            <button type="button" className="button" disabled={!dirty} onClick={() => { setDrafts(draftsOf(flag.valueType, flag.variations)); setErrors({}); }}>
              Discard
            </button>
            <button type="submit" className="button primary" disabled={!dirty}>
              Save variations…
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

function DetailsSection({ flag, ask }: Omit<SectionProps, 'project'>) {
  const notify = useNotify();
  const [, update] = useMutation(UpdateFlagDetailsMutation);
  const [name, setName] = useState(flag.name);
  const [description, setDescription] = useState(flag.description);
  const [tagsText, setTagsText] = useState(flag.tags.join(', '));
  const [kind, setKind] = useState<FlagKind>(flag.kind);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const tags = parseTags(tagsText);
  const dirty = name !== flag.name || description !== flag.description || tags.join(',') !== flag.tags.join(',') || kind !== flag.kind;
  useReportUnsaved(dirty);

  function save(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'A flag needs a name.';
    else if (name.length > NAME_MAX) found.name = `At most ${NAME_MAX} characters.`;
    if (description.length > DESCRIPTION_MAX) found.description = `At most ${DESCRIPTION_MAX} characters.`;
    const bad = tags.find((t) => !TAG.test(t));
    if (bad) found.tags = `“${bad}” is not a valid tag: letters, digits and _ . : / -.`;
    setErrors(found);
    if (Object.keys(found).length) return;
    ask({
      title: 'Save details',
      summary: <p>Update the name, description, tags and kind of {flag.key}. What SDKs are served does not change.</p>,
      reasonRequired: false,
      confirmLabel: 'Save details',
      apply: async (reason) => {
        const result = await outcome(update({ input: { projectKey: flag.projectKey, key: flag.key, expectedVersion: flag.version, name: name.trim(), description, tags, kind, reason } }));
        if (result.data) notify('Details saved');
        return result.problem;
      },
    });
  }

  return (
    <section className="card section" aria-labelledby="details-title">
      <h3 id="details-title">Details</h3>
      <form onSubmit={save} noValidate>
        <Field label="Name" error={errors.name}>
          {({ id, describedBy, invalid }) => <input id={id} value={name} disabled={flag.archived} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description" optional error={errors.description}>
          {({ id, describedBy, invalid }) => (
            <textarea id={id} rows={3} value={description} disabled={flag.archived} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <Field label="Tags" optional hint="Separate with commas or spaces." error={errors.tags}>
          {({ id, describedBy, invalid }) => <input id={id} value={tagsText} disabled={flag.archived} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => setTagsText(e.target.value)} />}
        </Field>
        <KindField kind={kind} onChange={setKind} disabled={flag.archived} />
        {!flag.archived && (
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!dirty}>
              Save details…
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

function LifecycleSection({ flag, project, ask }: SectionProps) {
  const notify = useNotify();
  const [, archive] = useMutation(ArchiveFlagMutation);
  const [, restore] = useMutation(RestoreFlagMutation);
  const input = { projectKey: flag.projectKey, key: flag.key, expectedVersion: flag.version };
  const onSomewhere = flag.environments.filter((e) => e.enabled).map((e) => e.key);

  return (
    <section className="card section lifecycle" aria-labelledby="lifecycle-title">
      <h3 id="lifecycle-title">{flag.archived ? 'Restore' : 'Archive'}</h3>
      {flag.archived ? (
        <>
          <p>Restoring brings the flag back with the settings it had when it was archived.</p>
          <button
            className="button primary"
            onClick={() =>
              ask({
                title: `Restore ${flag.key}`,
                summary: <p>The flag becomes active again, with the settings it had when it was archived.</p>,
                reasonRequired: anyRequiresReason(project),
                reasonPolicy: policyText(project),
                approval: protectionOf(project, null),
                confirmLabel: 'Restore flag',
                apply: async (reason) => {
                  const result = await outcome(restore({ input: { ...input, reason } }));
                  if (result.data) notify(result.data.restoreFlag.changeRequest ? proposedText(protectionOf(project, null)) : `${flag.key} restored`);
                  return result.problem;
                },
              })
            }
          >
            Restore flag…
          </button>
        </>
      ) : (
        <>
          <p>Archive a flag once no code asks for it any more. Its history is kept and it can be restored.</p>
          <button
            className="button danger"
            onClick={() =>
              ask({
                title: `Archive ${flag.key}`,
                summary: (
                  <div>
                    <p>The flag moves to the Archived list and its settings become read-only. Its history is kept, and it can be restored.</p>
                    {onSomewhere.length > 0 && (
                      <p className="alert warning">
                        It is still <strong>on</strong> in {onSomewhere.join(', ')}.
                      </p>
                    )}
                  </div>
                ),
                reasonRequired: anyRequiresReason(project),
                reasonPolicy: policyText(project),
                approval: protectionOf(project, null),
                confirmLabel: 'Archive flag',
                danger: true,
                apply: async (reason) => {
                  const result = await outcome(archive({ input: { ...input, reason } }));
                  if (result.data) notify(result.data.archiveFlag.changeRequest ? proposedText(protectionOf(project, null)) : `${flag.key} archived`);
                  return result.problem;
                },
              })
            }
          >
            Archive flag…
          </button>
        </>
      )}
    </section>
  );
}
