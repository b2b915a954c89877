import { OPERATORS } from './model';

type Step = Record<string, unknown>;
const show = (v: unknown) => (v === null || v === undefined ? 'absent' : typeof v === 'string' ? `“${v}”` : JSON.stringify(v));
const opLabel = (op: unknown) => OPERATORS.find((o) => o.op === op)?.label ?? String(op);

/** One step of the engine's trace, in words: a title, details, and whether it matched. */
export function explainStep(raw: unknown, ruleName: (id: string) => string = (id) => `Rule ${id}`): { title: string; details: string[]; outcome?: boolean } {
  const step = (raw ?? {}) as Step;
  switch (step.step) {
    case 'FlagDisabled':
      return { title: 'The flag is off: its off variation is served.', details: [] };
    case 'PrerequisiteChecked':
      return {
        title: `Prerequisite ${step.flagKey} must serve ${step.requiredVariant}: ${step.met ? 'met' : 'not met'}`,
        details: [`It served ${step.actualVariant ?? 'nothing'}${step.actualReason ? ` (${step.actualReason})` : ''}.`],
        outcome: Boolean(step.met),
      };
    case 'TargetChecked':
      return { title: `Individual targets of ${step.variant}: ${step.matched ? 'the key is listed' : 'not listed'}`, details: [], outcome: Boolean(step.matched) };
    case 'RuleEvaluated': {
      const clauses = (Array.isArray(step.clauses) ? step.clauses : []) as Step[];
      return {
        title: `${ruleName(String(step.ruleId))}: ${step.matched ? 'matched' : 'did not match'}`,
        outcome: Boolean(step.matched),
        details: clauses.map((c) => {
          const values = (Array.isArray(c.values) ? c.values : []).map(show).join(' or ');
          const segments = (Array.isArray(c.segments) ? c.segments : []) as Step[];
          const subject = c.operator === 'inSegment' ? `targeting key ${show(c.actualValue)}` : `${c.attribute} (${show(c.actualValue)})`;
          const why = segments.length ? ` — ${segments.map((s) => `${s.segmentKey}: ${s.member ? 'member' : 'not a member'} (${s.because})`).join('; ')}` : '';
          return `${c.matched ? '✓' : '✗'} ${subject} ${c.negate ? 'not ' : ''}${opLabel(c.operator)} ${values}${why}`;
        }),
      };
    }
    case 'FallthroughReached':
      return { title: 'No target or rule matched: the fallthrough serves.', details: [] };
    case 'Bucketed':
      return {
        title: `Rollout: bucket ${step.bucket} of 0–99 999 → ${step.variant}`,
        details: [`Hashed ${step.bucketBy ?? 'targetingKey'} = ${show(step.bucketByValue)} with salt ${show(step.salt)}.`],
      };
    default:
      return { title: String(step.step ?? 'Step'), details: [JSON.stringify(step)] };
  }
}
