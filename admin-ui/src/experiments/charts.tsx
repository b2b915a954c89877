import { Area, CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { IntervalPoint } from './model';

const COLOURS = ['#64748b', '#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626'];

/**
 * An arm's relative effect over time with its Welch interval (fixed horizon: read it only at the planned
 * end) and the always-valid confidence sequence (safe to read at any time). Fixed size so it also renders
 * in tests; the page gives it the container's width.
 */
export function IntervalChart({ points, width = 640, height = 240, title }: { points: IntervalPoint[]; width?: number; height?: number; title: string }) {
  if (points.length === 0) return <p className="muted">No results over time yet: they are stored every hour while the experiment runs.</p>;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <ComposedChart width={width} height={height} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis unit=" %" />
        <Tooltip formatter={(value) => (Array.isArray(value) ? `${Number(value[0]).toFixed(1)} % to ${Number(value[1]).toFixed(1)} %` : `${Number(value).toFixed(1)} %`)} />
        <Legend />
        <ReferenceLine y={0} stroke="#111827" />
        <Area type="monotone" dataKey="sequential" name="Always-valid interval" stroke="none" fill="#bfdbfe" fillOpacity={0.6} isAnimationActive={false} />
        <Area type="monotone" dataKey="welch" name="95 % interval (fixed horizon)" stroke="none" fill="#60a5fa" fillOpacity={0.5} isAnimationActive={false} />
        <Line type="monotone" dataKey="estimate" name="Relative effect" stroke="#1d4ed8" dot={false} isAnimationActive={false} />
      </ComposedChart>
    </figure>
  );
}

/** The share of each arm in every weight period: a bandit's re-weightings (or manual ones) over time. */
export function WeightHistoryChart({ rows, arms, width = 640, height = 220 }: { rows: Record<string, number | string>[]; arms: string[]; width?: number; height?: number }) {
  return (
    <figure className="chart">
      <figcaption>Traffic share per arm at each re-weighting</figcaption>
      <LineChart width={width} height={height} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis unit=" %" domain={[0, 100]} />
        <Tooltip />
        <Legend />
        {arms.map((arm, i) => (
          <Line key={arm} type="stepAfter" dataKey={arm} name={arm} stroke={COLOURS[i % COLOURS.length]} isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
}
