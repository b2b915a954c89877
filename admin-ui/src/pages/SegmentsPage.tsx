import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ArchiveSegmentMutation, CreateSegmentMutation, SegmentQuery, SegmentsQuery, UpdateSegmentMutation } from '../api/documents';
import { outcome } from '../api/mutate';
import { ChangeDialog, type ChangeRequest } from '../components/ChangeDialog';
import { Field } from '../components/Field';
import { QueryTable } from '../components/QueryTable';
import { useNotify } from '../components/Notice';
import { useLiveChanges } from '../live/useLiveChanges';
import type { SegmentFieldsFragment, SegmentRuleInput } from '../gql/graphql';
import { ClauseEditor } from '../targeting/ClauseEditor';
import { clauseDraftOf, clauseInput, newClause, newId, splitKeys, type ClauseDraft } from '../targeting/model';
import { TOTAL } from '../targeting/rollout';
import { queryState } from './QueryState';
import { PendingChangeRequests } from '../approval/PendingChangeRequests';
import { anyRequiresReason, policyText, proposedText, protectionOf, useProject } from './ProjectLayout';

const SEGMENT_TYPES = { additionalTypenames: ['Segment'] };
const KEY = /^[a-z0-9][a-z0-9._-]{0,127}$/;

export function SegmentsPage() {
  const { project } = useProject();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SegmentsQuery, variables: { projectKey: project.key, archived: false }, context: SEGMENT_TYPES });
  // A segment someone else creates, edits or archives shows up without a reload.
  useLiveChanges(project.key, null, (live) => {
    if (live.segmentKey) reexecute({ requestPolicy: 'network-only' });
  });
  const segments = data?.segments.edges.map((e) => e.node) ?? [];
  return (
    <div className="page">
      <div className="section-header">
        <div>
          <h2>Segments</h2>
          <p className="muted">Reusable groups of contexts, used by rules with “is in segment”. Shared by every environment.</p>
        </div>
        <Link className="button primary" to="new">
          New segment
        </Link>
      </div>
      <QueryTable
        query={{ data, fetching, error }}
        loading="Loading segments…"
        empty={
          <div className="empty">
            <h3>No segments yet</h3>
            <p>Create a segment to target the same group of users from many flags.</p>
          </div>
        }
        caption={`Segments of ${project.name}`}
        columns={['Segment', 'Included', 'Excluded', 'Rules', 'Updated']}
        items={segments}
        row={(s) => (
          <tr key={s.id}>
            <td>
              <Link to={s.key}>{s.name}</Link>
              <div className="mono muted small">{s.key}</div>
            </td>
            <td>{s.included.length}</td>
            <td>{s.excluded.length}</td>
            <td>{s.rules.length}</td>
            <td className="muted small">
              <time dateTime={s.updatedAt}>{new Date(s.updatedAt).toLocaleString()}</time>
            </td>
          </tr>
        )}
      />
    </div>
  );
}

type RuleDraft = { id: string; clauses: ClauseDraft[]; percent: string; bucketBy: string };

export function SegmentEditorPage() {
  const { project } = useProject();
  const { segmentKey } = useParams();
  const creating = !segmentKey;
  const [generation, setGeneration] = useState(0);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: SegmentQuery, variables: { projectKey: project.key, key: segmentKey ?? '' }, pause: creating });
  // Someone else's save arrives as a newer version: the form keeps unsaved edits and says so.
  useLiveChanges(project.key, null, (live) => {
    if (live.segmentKey && live.segmentKey === segmentKey && live.version > (data?.segment?.version ?? Infinity))
      reexecute({ requestPolicy: 'network-only' });
  });
  if (!creating) {
    const unavailable = queryState('segment', { error, fetching, hasData: !!data, found: !!data?.segment });
    if (unavailable) return unavailable;
  }
  const segment = data?.segment ?? null;
  // Keyed by the segment, not its version: after a CONFLICT and a reload the user's edits stay, to be re-applied on the new version.
  return <SegmentForm key={`${segment ? segment.key : 'new'}-${generation}`} segment={segment} reload={() => reexecute({ requestPolicy: 'network-only' })} discard={() => setGeneration((g) => g + 1)} />;
}

function SegmentForm({ segment, reload, discard }: { segment: SegmentFieldsFragment | null; reload: () => void; discard: () => void }) {
  const { project } = useProject();
  const navigate = useNavigate();
  const notify = useNotify();
  const [, create] = useMutation(CreateSegmentMutation);
  const [, update] = useMutation(UpdateSegmentMutation);
  const [, archive] = useMutation(ArchiveSegmentMutation);
  const [{ data: others }] = useQuery({ query: SegmentsQuery, variables: { projectKey: project.key, archived: false } });
  const [name, setName] = useState(segment?.name ?? '');
  const [key, setKey] = useState(segment?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(false);
  const [description, setDescription] = useState(segment?.description ?? '');
  const [included, setIncluded] = useState(segment?.included.join('\n') ?? '');
  const [excluded, setExcluded] = useState(segment?.excluded.join('\n') ?? '');
  const [rules, setRules] = useState<RuleDraft[]>(
    () =>
      segment?.rules.map((r) => ({
        id: r.id,
        clauses: r.clauses.map(clauseDraftOf),
        percent: r.weight == null ? '' : String(r.weight / 1000),
        bucketBy: r.bucketBy ?? '',
      })) ?? [],
  );
  const [errors, setErrors] = useState<string[]>([]);
  const [change, setChange] = useState<ChangeRequest | null>(null);
  // A newer version than the form was started from, that the user did not save here: say so.
  const startedFrom = useRef(segment?.version ?? null);
  const savedHere = useRef(false);
  const [reloadedVersion, setReloadedVersion] = useState<number | null>(null);
  useEffect(() => {
    if (!segment || startedFrom.current === null || segment.version === startedFrom.current) return;
    if (!savedHere.current) setReloadedVersion(segment.version);
    savedHere.current = false;
    startedFrom.current = segment.version;
  }, [segment]);
  const segmentChoices = (others?.segments.edges.map((e) => e.node) ?? []).filter((s) => s.key !== segment?.key);

  function check(): { rules: SegmentRuleInput[]; errors: string[] } {
    const found: string[] = [];
    if (!name.trim()) found.push('Give the segment a name.');
    if (!segment && !KEY.test(key)) found.push('The key must be lower-case letters, digits, . _ or -, starting with a letter or digit.');
    const input = rules.map((r, i) => {
      const clauses = r.clauses.map((c, j) => {
        const checked = clauseInput(c);
        if (checked.error) found.push(`Rule ${i + 1}, condition ${j + 1}: ${checked.error}.`);
        return checked.input!;
      });
      let weight: number | null = null;
      if (r.percent.trim()) {
        const p = Number(r.percent);
        if (!Number.isFinite(p) || p < 0 || p > 100) found.push(`Rule ${i + 1}: the share must be between 0 and 100 %.`);
        else weight = Math.round(p * 1000);
      }
      return { id: r.id, clauses, weight: weight === TOTAL ? null : weight, bucketBy: r.bucketBy.trim() || null };
    });
    return { rules: input, errors: found };
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const checked = check();
    setErrors(checked.errors);
    if (checked.errors.length) return;
    const body = { projectKey: project.key, name: name.trim(), description, included: splitKeys(included), excluded: splitKeys(excluded), rules: checked.rules };
    setChange({
      title: segment ? `Save segment ${segment.key}` : 'Create segment',
      summary: (
        <p>
          {segment ? 'Replace the definition of' : 'Create'} <strong>{body.name}</strong>: {body.included.length} included, {body.excluded.length} excluded, {body.rules.length} rule(s). Every flag that uses it, in every
          environment, follows.
        </p>
      ),
      reasonRequired: anyRequiresReason(project),
      reasonPolicy: policyText(project),
      // Creating a segment serves nothing new; changing one reaches every environment.
      approval: segment ? protectionOf(project, null) : undefined,
      confirmLabel: segment ? 'Save segment' : 'Create segment',
      apply: async (reason) => {
        if (segment) {
          const result = await outcome(update({ input: { ...body, key: segment.key, expectedVersion: segment.version, reason } }));
          if (result.data?.updateSegment.changeRequest) notify(proposedText(protectionOf(project, null)));
          else if (result.data) {
            savedHere.current = true;
            setReloadedVersion(null);
            notify(`Segment ${segment.key} saved`);
          }
          return result.problem;
        }
        const result = await outcome(create({ input: { ...body, key, reason } }));
        if (result.data) {
          notify(`Segment ${key} created`);
          navigate(`/projects/${project.key}/segments/${key}`);
        }
        return result.problem;
      },
    });
  }

  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={`/projects/${project.key}/segments`}>Segments</Link> <span aria-hidden="true">/</span> <span aria-current="page">{segment?.key ?? 'New'}</span>
      </nav>
      <h2>{segment ? segment.name : 'New segment'}</h2>
      {segment && (
        <p className="muted small" data-testid="segment-version">
          Version {segment.version}
        </p>
      )}
      {segment && <PendingChangeRequests projectKey={project.key} kind="Segment" subjectKey={segment.key} />}
      {reloadedVersion !== null && (
        <div className="alert warning" role="status">
          <p>
            <strong>Someone else saved version {reloadedVersion} of this segment.</strong> Your edits below are kept and not saved yet: save them again if they still apply, or discard them to see version {reloadedVersion}.
          </p>
          <button type="button" className="button small" onClick={discard}>
            Discard my edits
          </button>
        </div>
      )}
      <form className="card section" onSubmit={save} noValidate>
        <Field label="Name">{({ id }) => <input id={id} value={name} onChange={(e) => { setName(e.target.value); if (!segment && !keyTouched) setKey(e.target.value.toLowerCase().trim().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '')); }} />}</Field>
        {!segment && <Field label="Key" hint="Rules name the segment by this key; it cannot change.">{({ id, describedBy }) => <input id={id} className="mono" aria-describedby={describedBy} value={key} onChange={(e) => { setKey(e.target.value); setKeyTouched(true); }} />}</Field>}
        <Field label="Description" optional>
          {({ id }) => <textarea id={id} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <div className="targets-grid">
          <Field label="Included targeting keys" optional hint="Always members. Commas, spaces or new lines.">
            {({ id, describedBy }) => <textarea id={id} rows={3} aria-describedby={describedBy} value={included} onChange={(e) => setIncluded(e.target.value)} />}
          </Field>
          <Field label="Excluded targeting keys" optional hint="Never members, even when a rule matches.">
            {({ id, describedBy }) => <textarea id={id} rows={3} aria-describedby={describedBy} value={excluded} onChange={(e) => setExcluded(e.target.value)} />}
          </Field>
        </div>
        <h3>Rules</h3>
        <p className="hint">A context is a member when any rule matches (all of its conditions hold).</p>
        <ol className="rules">
          {rules.map((rule, i) => {
            const setRule = (patch: Partial<RuleDraft>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
            return (
              <li key={rule.id} className="rule card" aria-label={`Segment rule ${i + 1}`}>
                <div className="rule-header">
                  <strong>Rule {i + 1}</strong>
                  <span className="grow" />
                  <button type="button" className="button small danger" onClick={() => setRules(rules.filter((_, j) => j !== i))} aria-label={`Delete segment rule ${i + 1}`}>
                    Delete
                  </button>
                </div>
                {rule.clauses.map((clause, c) => (
                  <ClauseEditor
                    key={clause.id}
                    label={`segment rule ${i + 1}, condition ${c + 1}`}
                    clause={clause}
                    segments={segmentChoices}
                    onChange={(next) => setRule({ clauses: rule.clauses.map((x, k) => (k === c ? next : x)) })}
                    onRemove={rule.clauses.length > 1 ? () => setRule({ clauses: rule.clauses.filter((_, k) => k !== c) }) : undefined}
                  />
                ))}
                <button type="button" className="button small" onClick={() => setRule({ clauses: [...rule.clauses, newClause()] })}>
                  Add condition to segment rule {i + 1}
                </button>
                <div className="row">
                  <label>
                    Only this share of matches{' '}
                    <input type="number" min={0} max={100} step={0.001} placeholder="100" aria-label={`Share of matches in segment rule ${i + 1} (percent)`} value={rule.percent} onChange={(e) => setRule({ percent: e.target.value })} /> %
                  </label>
                  <label>
                    Bucket by <input placeholder="targetingKey" aria-label={`Bucket by attribute of segment rule ${i + 1}`} value={rule.bucketBy} onChange={(e) => setRule({ bucketBy: e.target.value })} />
                  </label>
                </div>
              </li>
            );
          })}
        </ol>
        <button type="button" className="button" onClick={() => setRules([...rules, { id: newId('rule'), clauses: [newClause()], percent: '', bucketBy: '' }])}>
          Add segment rule
        </button>
        {errors.length > 0 && (
          <div className="alert error" role="alert">
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary">
            {segment ? 'Save segment…' : 'Create segment…'}
          </button>
        </div>
      </form>
      {segment && (
        <section className="card section">
          <h3>Archive</h3>
          <p>Archive a segment once no rule uses it. Rules that still name it keep the server from archiving it.</p>
          <button
            type="button"
            className="button danger"
            onClick={() =>
              setChange({
                title: `Archive ${segment.key}`,
                summary: <p>The segment disappears from the list and can no longer be chosen in rules. Its key stays taken.</p>,
                reasonRequired: anyRequiresReason(project),
                reasonPolicy: policyText(project),
                approval: protectionOf(project, null),
                confirmLabel: 'Archive segment',
                danger: true,
                apply: async (reason) => {
                  const result = await outcome(archive({ input: { projectKey: project.key, key: segment.key, expectedVersion: segment.version, reason } }));
                  if (result.data?.archiveSegment.changeRequest) notify(proposedText(protectionOf(project, null)));
                  else if (result.data) {
                    notify(`Segment ${segment.key} archived`);
                    navigate(`/projects/${project.key}/segments`);
                  }
                  return result.problem;
                },
              })
            }
          >
            Archive segment…
          </button>
        </section>
      )}
      {change && <ChangeDialog {...change} subject="segment" onClose={() => setChange(null)} onReload={reload} />}
    </div>
  );
}
