import { Link } from 'react-router';

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <div className="page">
      <div className="card narrow">
        <h1>No such {what}</h1>
        <p>It may have been renamed, or the link is mistyped.</p>
        <Link to="/projects">Go to all projects</Link>
      </div>
    </div>
  );
}
