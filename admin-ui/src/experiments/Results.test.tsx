import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ResultFieldsFragment } from '../gql/graphql';
import { IntervalChart, WeightHistoryChart } from './charts';
import { Results } from './ExperimentPage';

function results(untrustworthy: boolean): ResultFieldsFragment {
  return {
    computedAt: '2026-03-01T10:00:00Z',
    verdict: untrustworthy ? 'Sample ratio mismatch (p = 1.5e-23): traffic did not split as configured.' : 'blue beats grey on Sign-up: +19.8 %.',
    switchedUnits: 0,
    rejectedEvents: { 'unknown-flag': 2 },
    exposures: [
      { arm: 'grey', units: untrustworthy ? 5500 : 5000, observedShare: untrustworthy ? 0.55 : 0.5, expectedShare: 0.5 },
      { arm: 'blue', units: untrustworthy ? 4500 : 5000, observedShare: untrustworthy ? 0.45 : 0.5, expectedShare: 0.5 },
    ],
    srm: { chiSquare: untrustworthy ? 100 : 0, degreesOfFreedom: 1, pValue: untrustworthy ? 1.5e-23 : 1, threshold: 0.001, untrustworthy },
    metrics: [{
      key: 'signup', name: 'Sign-up', role: 'PRIMARY', kind: 'CONVERSION', direction: 'HIGHER_IS_BETTER', analysis: 'MEAN', cap: null,
      cupedTheta: null, varianceReduction: null, minimumDetectableEffect: 0.12,
      arms: [
        { arm: 'grey', status: 'CONTROL', reason: null, units: 5000, mean: 0.1, standardError: 0.004, absolute: null, relative: null,
          adjustedPValue: null, verdict: null, sequentialRelative: null, bayesian: null },
        { arm: 'blue', status: 'COMPUTED', reason: null, units: 5000, mean: 0.12, standardError: 0.0046,
          absolute: { estimate: 0.02, lower: 0.008, upper: 0.032, pValue: 0.001 },
          relative: { estimate: 0.2, lower: 0.08, upper: 0.32, pValue: 0.001 }, adjustedPValue: 0.001, verdict: 'BETTER',
          sequentialRelative: { estimate: 0.2, lower: 0.02, upper: 0.38 },
          bayesian: { chanceToBeatControl: 0.999, relativeEffect: 0.2, credibleLower: 0.08, credibleUpper: 0.32,
            expectedLossTreatment: 0.0001, expectedLossControl: 0.2 } },
      ],
    }],
  } as ResultFieldsFragment;
}

describe('experiment results', () => {
  it('puts the sample-ratio-mismatch warning first when assignment is broken', () => {
    render(<Results results={results(true)} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Sample ratio mismatch');
    expect(alert).toHaveTextContent('do not trust');
  });

  it('shows every statistic of a computed arm and the plain-language verdict, without an SRM warning', () => {
    render(<Results results={results(false)} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/blue beats grey/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Sign-up/ });
    const blue = within(table).getAllByRole('row').find((row) => row.textContent?.includes('blue'))!;
    expect(blue).toHaveTextContent('+20.0 % (+8.0 % to +32.0 %)');
    expect(blue).toHaveTextContent('0.0010');
    expect(blue).toHaveTextContent('+2.0 % to +38.0 %');
    expect(blue).toHaveTextContent('99.9 %');
    expect(blue).toHaveTextContent('better');
    expect(screen.getByText(/unknown-flag 2/)).toBeInTheDocument();
  });

  it('draws intervals over time and the weight history as SVG charts', () => {
    const { container } = render(
      <>
        <IntervalChart title="Sign-up: blue" points={[
          { time: 1, label: '03-01 10:00', estimate: 10, welch: [-2, 22], sequential: [-10, 30] },
          { time: 2, label: '03-01 11:00', estimate: 12, welch: [2, 22], sequential: [-4, 28] },
        ]} />
        <WeightHistoryChart arms={['a', 'b']} rows={[{ period: 0, label: '#0', a: 50, b: 50 }, { period: 1, label: '#1', a: 10, b: 90 }]} />
      </>,
    );
    expect(screen.getByText('Sign-up: blue')).toBeInTheDocument();
    expect(screen.getByText(/Traffic share per arm/)).toBeInTheDocument();
    expect(container.querySelectorAll('svg.recharts-surface').length).toBeGreaterThanOrEqual(2);
    expect(container.querySelectorAll('.recharts-line').length).toBeGreaterThanOrEqual(3);
  });

  it('says so when there is no history yet rather than drawing an empty chart', () => {
    render(<IntervalChart title="x" points={[]} />);
    expect(screen.getByText(/No results over time yet/)).toBeInTheDocument();
  });
});
