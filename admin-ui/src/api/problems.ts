import type { CombinedError } from 'urql';

/** The error codes of the API (CONVENTIONS §4); the UI branches on these, never on messages. */
export type ProblemCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'INTERNAL'
  | 'NETWORK';

export type Problem = { code: ProblemCode; message: string };

const KNOWN: ReadonlySet<string> = new Set(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL']);

/** The server writes messages in lower case for logs and the CLI ("no flag x in project y"); on screen they start a sentence. */
export const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

export function problemOf(error: CombinedError): Problem {
  const first = error.graphQLErrors[0];
  if (first) {
    const code = first.extensions?.code;
    return {
      code: typeof code === 'string' && KNOWN.has(code) ? (code as ProblemCode) : 'INTERNAL',
      message: sentence(first.message),
    };
  }
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) return { code: 'UNAUTHENTICATED', message: 'Your session has ended. Sign in again.' };
  if (status === 403) return { code: 'FORBIDDEN', message: 'You are not allowed to do this.' };
  return { code: 'NETWORK', message: 'The server could not be reached. Check your connection and try again.' };
}
