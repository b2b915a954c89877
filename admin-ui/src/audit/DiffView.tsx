import { diffValues, fieldLabel, isStructured, prettyJson, summarize, type AuditChangeValue, type DiffLine, type EnvironmentNames } from './diff';
import './audit.css';

type Props = { changes: readonly AuditChangeValue[]; environmentName?: EnvironmentNames };

/**
 * What one audit entry changed, field by field: the field in words, then before → after. Structured
 * values (targeting, variations, tags) are compared part by part, with what was added and removed
 * marked (colour and a word, so it does not rely on colour), and their whole JSON one click away.
 */
export function DiffView({ changes, environmentName }: Props) {
  if (changes.length === 0) return <p className="muted small diff-empty">No field changed.</p>;
  return (
    <dl className="diff">
      {changes.map((change) => (
        <FieldDiff key={change.field} change={change} environmentName={environmentName} />
      ))}
    </dl>
  );
}

function FieldDiff({ change, environmentName }: { change: AuditChangeValue; environmentName?: EnvironmentNames }) {
  const key = change.field.split('.').pop();
  const structured = isStructured(change.before) || isStructured(change.after);
  return (
    <div className="diff-field" data-field={change.field}>
      <dt>{fieldLabel(change.field, environmentName)}</dt>
      <dd>
        {structured ? (
          <>
            <ul className="diff-lines">
              {diffValues(change.before, change.after, change.field).map((line, i) => (
                <Line key={i} line={line} />
              ))}
            </ul>
            <details className="diff-json">
              <summary>Show JSON</summary>
              <div className="diff-json-pair">
                <figure>
                  <figcaption>Before</figcaption>
                  <pre>{change.before === undefined || change.before === null ? '(none)' : prettyJson(change.before)}</pre>
                </figure>
                <figure>
                  <figcaption>After</figcaption>
                  <pre>{change.after === undefined || change.after === null ? '(none)' : prettyJson(change.after)}</pre>
                </figure>
              </div>
            </details>
          </>
        ) : (
          <Scalar before={change.before} after={change.after} fieldKey={key} />
        )}
      </dd>
    </div>
  );
}

function Scalar({ before, after, fieldKey }: { before: unknown; after: unknown; fieldKey?: string }) {
  const absent = (v: unknown) => v === undefined || v === null;
  if (absent(before))
    return (
      <ins className="diff-added">
        <span className="sr-only">set to </span>
        {summarize(after, fieldKey)}
      </ins>
    );
  return (
    <span className="diff-change">
      <del className="diff-removed">
        <span className="sr-only">from </span>
        {summarize(before, fieldKey)}
      </del>
      <span aria-hidden="true"> → </span>
      <ins className="diff-added">
        <span className="sr-only"> to </span>
        {summarize(after, fieldKey)}
      </ins>
    </span>
  );
}

function Line({ line }: { line: DiffLine }) {
  const where = line.path.length ? <span className="diff-path">{line.path.join(' › ')}: </span> : null;
  if (line.kind === 'added')
    return (
      <li className="diff-line added">
        <span className="diff-mark" aria-hidden="true">+</span>
        {where}
        <ins className="diff-added">
          <span className="sr-only">added </span>
          {line.after}
        </ins>
      </li>
    );
  if (line.kind === 'removed')
    return (
      <li className="diff-line removed">
        <span className="diff-mark" aria-hidden="true">−</span>
        {where}
        <del className="diff-removed">
          <span className="sr-only">removed </span>
          {line.before}
        </del>
      </li>
    );
  return (
    <li className="diff-line changed">
      <span className="diff-mark" aria-hidden="true">~</span>
      {where}
      <del className="diff-removed">
        <span className="sr-only">from </span>
        {line.before}
      </del>
      <span aria-hidden="true"> → </span>
      <ins className="diff-added">
        <span className="sr-only"> to </span>
        {line.after}
      </ins>
    </li>
  );
}
