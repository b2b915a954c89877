import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FlagChoicesQuery, SegmentsQuery, SetFlagTargetingMutation } from '../api/documents';
import { outcome } from '../api/mutate';
import type { ChangeRequest } from '../components/ChangeDialog';
import { useNotify } from '../components/Notice';
import type { FlagFieldsFragment, ProjectFieldsFragment } from '../gql/graphql';
import { proposedText, protectionOf } from '../pages/ProjectLayout';
import { draftOf, targetingInput, type TargetingDraft } from './model';
import { TargetingEditor } from './TargetingEditor';
import { useReportUnsaved } from '../live/UnsavedEdits';

type Props = { flag: FlagFieldsFragment; project: ProjectFieldsFragment; ask: (c: ChangeRequest) => void };

/** The targeting of one environment at a time, saved whole through setFlagTargeting. */
export function TargetingSection({ flag, project, ask }: Props) {
  const [environment, setEnvironment] = useState(() => (flag.environments.find((e) => e.key === 'production') ?? flag.environments[0])?.key ?? '');
  const config = flag.environments.find((e) => e.key === environment);
  return (
    <section className="card section" aria-labelledby="targeting-title">
      <div className="section-title-row">
        <h3 id="targeting-title">Targeting</h3>
        <label className="inline-field">
          Environment{' '}
          <select value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            {project.environments.map((env) => (
              <option key={env.key} value={env.key}>
                {env.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {config ? (
        <EnvironmentTargeting key={environment} flag={flag} project={project} environment={environment} ask={ask} />
      ) : (
        <p className="muted">This environment has no configuration for the flag yet.</p>
      )}
    </section>
  );
}

function EnvironmentTargeting({ flag, project, environment, ask }: Props & { environment: string }) {
  const notify = useNotify();
  const config = flag.environments.find((e) => e.key === environment)!;
  const env = project.environments.find((e) => e.key === environment) ?? { key: environment, name: environment, requireReason: false };
  const variations = flag.variations.map((v) => v.key);
  const original = useMemo(() => draftOf(config.targeting, variations, config.defaultVariation), [config, variations.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const [draft, setDraft] = useState<TargetingDraft>(original);
  const [errors, setErrors] = useState<string[]>([]);
  const [, save] = useMutation(SetFlagTargetingMutation);
  const [{ data: segmentData }] = useQuery({ query: SegmentsQuery, variables: { projectKey: project.key, archived: false } });
  const [{ data: flagData }] = useQuery({ query: FlagChoicesQuery, variables: { projectKey: project.key } });
  const segments = segmentData?.segments.edges.map((e) => e.node) ?? [];
  const flags = (flagData?.flags.edges ?? []).map((e) => e.node).filter((f) => f.key !== flag.key).map((f) => ({ key: f.key, name: f.name, variations: f.variations.map((v) => v.key) }));
  const strip = (d: TargetingDraft) => JSON.stringify(targetingInput(d, variations).input ?? d);
  const dirty = strip(draft) !== strip(original);
  useReportUnsaved(dirty);
  // When the saved targeting changes (a save, or a reload after CONFLICT), unsaved edits are kept
  // so they can be re-applied; without edits the editor simply shows the new version.
  const shown = useRef(original);
  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  useEffect(() => {
    if (shown.current === original) return;
    const mine = strip(draft);
    if (mine === strip(shown.current) || mine === strip(original)) {
      setDraft(original);
      setChangedMeanwhile(false);
    } else if (strip(shown.current) !== strip(original)) setChangedMeanwhile(true);
    shown.current = original;
  }, [original]); // eslint-disable-line react-hooks/exhaustive-deps

  function submit() {
    const checked = targetingInput(draft, variations);
    setErrors(checked.errors);
    if (!checked.input) return;
    const input = checked.input;
    ask({
      title: `Save targeting in ${env.name}`,
      summary: (
        <div>
          <p>
            Replace the targeting of <strong>{flag.name}</strong> in <strong>{env.name}</strong>:
          </p>
          <ul>
            <li>{input.prerequisites?.length ?? 0} prerequisite(s)</li>
            <li>{(input.targets ?? []).reduce((n, t) => n + t.keys.length, 0)} individually targeted key(s)</li>
            <li>{input.rules?.length ?? 0} rule(s)</li>
            <li>Everyone else: {input.fallthroughRollout ? 'a percentage rollout' : `the default variation (${config.defaultVariation})`}</li>
          </ul>
          {!config.enabled && <p className="muted">The flag is off in {env.name}, so this takes effect when it is turned on.</p>}
        </div>
      ),
      reasonRequired: env.requireReason,
      reasonPolicy: env.requireReason ? `${env.name} requires a reason for every change.` : undefined,
      approval: protectionOf(project, environment),
      confirmLabel: 'Save targeting',
      apply: async (reason) => {
        const result = await outcome(save({ input: { projectKey: flag.projectKey, key: flag.key, environment, expectedVersion: flag.version, targeting: input, reason } }));
        if (result.data)
          notify(
            result.data.setFlagTargeting.changeRequest
              ? proposedText(protectionOf(project, environment))
              : `Targeting saved in ${env.name} (version ${result.data.setFlagTargeting.flag.version})`,
          );
        return result.problem;
      },
    });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      aria-label={`Targeting in ${env.name}`}
    >
      <p className="muted small">
        {env.name} is <strong>{config.enabled ? 'on' : 'off'}</strong>.{' '}
        {config.enabled ? 'Targeting decides what is served.' : `Everyone gets the off variation (${config.offVariation}) until it is turned on.`}
      </p>
      {changedMeanwhile && (
        <div className="alert warning" role="status">
          <p>
            <strong>The saved targeting in {env.name} changed since you started editing.</strong> Your edits below are kept and not saved yet. Review them
            against the change, then save again, or discard yours to see the latest.
          </p>
        </div>
      )}
      <TargetingEditor
        variations={variations}
        defaultVariation={config.defaultVariation}
        draft={draft}
        onChange={setDraft}
        segments={segments}
        flags={flags}
        disabled={flag.archived}
      />
      {errors.length > 0 && (
        <div className="alert error" role="alert">
          <strong>Fix these first:</strong>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {!flag.archived && (
        <div className={`form-actions${dirty ? ' sticky-actions' : ''}`}>
          {dirty && <span className="muted small">Unsaved changes</span>}
          <button type="button" className="button" disabled={!dirty} onClick={() => { setDraft(original); setErrors([]); setChangedMeanwhile(false); }}>
            Discard
          </button>
          <button type="submit" className="button primary" disabled={!dirty}>
            Save targeting…
          </button>
        </div>
      )}
    </form>
  );
}
