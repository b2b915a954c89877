import type { OperationResult } from 'urql';
import { problemOf, type Problem } from './problems';

/** Runs a mutation and answers the problem it met, or null; a payload without data is a problem too. */
export async function outcome<T>(pending: Promise<OperationResult<T>>): Promise<{ problem: Problem | null; data?: T }> {
  const result = await pending;
  if (result.error) return { problem: problemOf(result.error) };
  if (!result.data) return { problem: { code: 'INTERNAL', message: 'The server answered without data.' } };
  return { problem: null, data: result.data };
}
