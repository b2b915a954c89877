import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { outcome } from '../api/mutate';
import type { ChangeRequest } from '../components/ChangeDialog';
import { useNotify } from '../components/Notice';
import type { FlagFieldsFragment, ProjectFieldsFragment, ScheduledChangeInput } from '../gql/graphql';
import { proposedText, protectionOf } from '../pages/ProjectLayout';
import { fallthroughOf, serveInput, serveSummary, type ServeDraft } from '../targeting/model';
import { ServeEditor } from '../targeting/TargetingEditor';
import { CancelScheduledFlagChangeMutation, ScheduledChangesQuery, ScheduleFlagChangeMutation } from './documents';
import { dueInstant, localInputValue } from './time';

type Props = { flag: FlagFieldsFragment; project: ProjectFieldsFragment; ask: (c: ChangeRequest) => void };

const STATUS_LABEL: Record<string, string> = { PENDING: 'Pending', APPLIED: 'Applied', CANCELLED: 'Cancelled', FAILED: 'Failed' };

type Kind = 'on' | 'off' | 'serve';

/**
 * Scheduled changes of a flag: schedule turning it on or off, or what it serves by default (a
 * variation or a rollout step, as progressive rollouts need), in one environment at a time, and see
 * or cancel what is pending. Every change goes through the same ChangeDialog (reason, CONFLICT).
 */
export function ScheduleSection({ flag, project, ask }: Props) {
  const notify = useNotify();
  const [environment, setEnvironment] = useState(() => (project.environments.find((e) => e.key === 'production') ?? project.environments[0])?.key ?? '');
  const [kind, setKind] = useState<Kind>('on');
  const variations = flag.variations.map((v) => v.key);
  const currentServe = (envKey: string): ServeDraft | null => {
    const env = flag.environments.find((e) => e.key === envKey);
    return env ? fallthroughOf(env, variations) : null;
  };
  // The serve starts from what the environment serves now, so a rollout step edits the current split.
  const [serve, setServe] = useState<ServeDraft | null>(() => currentServe(environment));
  const [when, setWhen] = useState(() => localInputValue(new Date(Date.now() + 60 * 60 * 1000)));
  const [error, setError] = useState<string | null>(null);
  const [{ data }, refresh] = useQuery({ query: ScheduledChangesQuery, variables: { projectKey: flag.projectKey, flagKey: flag.key } });
  const [, schedule] = useMutation(ScheduleFlagChangeMutation);
  const [, cancel] = useMutation(CancelScheduledFlagChangeMutation);
  const schedules = data?.scheduledFlagChanges.edges.map((e) => e.node) ?? [];
  const envOf = (key: string) => project.environments.find((e) => e.key === key) ?? { key, name: key, requireReason: false };
  const reload = () => refresh({ requestPolicy: 'network-only' });

  function submit(event: FormEvent) {
    event.preventDefault();
    const due = dueInstant(when, new Date());
    const checkedServe = kind === 'serve' && serve ? serveInput(serve, variations) : null;
    const problem = due.error ?? (checkedServe?.error ? `The default serve: ${checkedServe.error}` : null);
    setError(problem);
    if (!due.at || problem) return;
    const at = due.at;
    const env = envOf(environment);
    const change: ScheduledChangeInput = kind === 'serve' ? { defaultServe: checkedServe!.input! } : { toggle: { enabled: kind === 'on' } };
    const what = kind === 'serve' ? `serving ${serveSummary(serve!, variations)} by default` : `turning ${kind}`;
    ask({
      title: `Schedule ${what} in ${env.name}`,
      summary: (
        <p>
          <strong>{flag.name}</strong>: {what} in <strong>{env.name}</strong> at{' '}
          <time dateTime={at}>{new Date(at).toLocaleString()}</time>. The reason is recorded with the change when it happens.
        </p>
      ),
      reasonRequired: env.requireReason,
      reasonPolicy: env.requireReason ? `${env.name} requires a reason for every change.` : undefined,
      approval: protectionOf(project, environment),
      confirmLabel: 'Schedule',
      apply: async (reason) => {
        const { problem, data } = await outcome(
          schedule({ input: { projectKey: flag.projectKey, key: flag.key, environment, at, change, expectedVersion: flag.version, reason } }),
        );
        if (!problem) {
          notify(data?.scheduleFlagChange.changeRequest ? proposedText(protectionOf(project, environment)) : `${flag.key}: ${what} in ${env.name} at ${new Date(at).toLocaleString()}`);
          reload();
        }
        return problem;
      },
    });
  }

  function askCancel(id: string, summary: string, environmentKey: string, dueAt: string) {
    const env = envOf(environmentKey);
    ask({
      title: 'Cancel a scheduled change',
      summary: (
        <p>
          The scheduled change “{summary}” in <strong>{env.name}</strong> at <time dateTime={dueAt}>{new Date(dueAt).toLocaleString()}</time> will not happen.
        </p>
      ),
      reasonRequired: env.requireReason,
      reasonPolicy: env.requireReason ? `${env.name} requires a reason for every change.` : undefined,
      approval: protectionOf(project, environmentKey),
      confirmLabel: 'Cancel the change',
      danger: true,
      apply: async (reason) => {
        const { problem, data } = await outcome(cancel({ input: { projectKey: flag.projectKey, key: flag.key, environment: environmentKey, scheduleId: id, expectedVersion: flag.version, reason } }));
        if (!problem) {
          notify(data?.cancelScheduledFlagChange.changeRequest ? proposedText(protectionOf(project, environmentKey)) : 'The scheduled change was cancelled');
          reload();
        }
        return problem;
      },
    });
  }

  return (
    <section className="card section" aria-labelledby="schedule-title">
      <h3 id="schedule-title">Scheduled changes</h3>
      {!flag.archived && (
        <form className="inline-form" onSubmit={submit} aria-label="Schedule a change">
          <label className="inline-field">
            Change{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="on">turn on</option>
              <option value="off">turn off</option>
              <option value="serve">default serve</option>
            </select>
          </label>{' '}
          <label className="inline-field">
            in{' '}
            <select
              value={environment}
              onChange={(e) => {
                setEnvironment(e.target.value);
                setServe(currentServe(e.target.value));
              }}
            >
              {project.environments.map((env) => (
                <option key={env.key} value={env.key}>
                  {env.name}
                </option>
              ))}
            </select>
          </label>{' '}
          <label className="inline-field">
            at{' '}
            <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} aria-invalid={error ? true : undefined} />
          </label>{' '}
          <button type="submit" className="button">
            Schedule…
          </button>
          {kind === 'serve' && serve && <ServeEditor label="the scheduled default" variations={variations} serve={serve} onChange={setServe} />}
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
        </form>
      )}
      {schedules.length === 0 ? (
        <p className="muted">Nothing scheduled.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Environment</th>
              <th scope="col">Change</th>
              <th scope="col">Status</th>
              <th scope="col">Scheduled by</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <tr key={s.id} data-schedule={s.id}>
                <td>
                  <time dateTime={s.dueAt}>{new Date(s.dueAt).toLocaleString()}</time>
                </td>
                <td>{envOf(s.environment).name}</td>
                <td>{s.summary}</td>
                <td>
                  {STATUS_LABEL[s.status] ?? s.status}
                  {s.status === 'APPLIED' && s.delayMillis != null && s.delayMillis >= 1000 && <span className="muted"> ({Math.round(s.delayMillis / 1000)} s late)</span>}
                  {s.status === 'FAILED' && s.failure && <span className="muted"> ({s.failure})</span>}
                </td>
                <td>{s.scheduledBy?.name ?? s.scheduledBy?.subject ?? ''}</td>
                <td>
                  {s.status === 'PENDING' && (
                    <button
                      type="button"
                      className="button small ghost"
                      aria-label={`Cancel ${s.summary} in ${envOf(s.environment).name}`}
                      onClick={() => askCancel(s.id, s.summary, s.environment, s.dueAt)}
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
