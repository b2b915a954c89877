import { Link } from 'react-router';
import type { FlagFieldsFragment, ProjectFieldsFragment } from '../gql/graphql';
import { AuditTimeline } from './AuditTimeline';

/** The flag detail page's history panel: the flag's own audit timeline. */
export function FlagHistorySection({ flag, project }: { flag: FlagFieldsFragment; project: ProjectFieldsFragment }) {
  return (
    <section className="card section" aria-labelledby="history-title" id="history">
      <div className="section-header">
        <h3 id="history-title">History</h3>
        <Link className="button small" to={`/projects/${project.key}/flags/${flag.key}/as-of?at=${encodeURIComponent(new Date().toISOString())}`}>
          View as of a moment…
        </Link>
      </div>
      <AuditTimeline projectKey={project.key} flagKey={flag.key} environments={project.environments} label="flag-history" />
    </section>
  );
}
