import { createClient, type Client as SseClient } from 'graphql-sse';
import type { SubscriptionForwarder } from 'urql';
import { apiFetch } from '../api/http';

// Subscriptions travel as GraphQL over Server-Sent Events ("distinct connections" mode: one POST
// per subscription to /graphql with Accept: text/event-stream), which Spring for GraphQL serves on
// the same path as queries. Going through apiFetch gives them the session cookie, the CSRF token
// and X-Requested-With like every other request, so the server's security rules apply unchanged.

let shared: SseClient | null = null;
function sse(): SseClient {
  shared ??= createClient({
    url: '/graphql',
    fetchFn: apiFetch,
    credentials: 'same-origin',
    headers: { 'X-Flagledger-Origin': 'ui' },
    retryAttempts: 5,
  });
  return shared;
}

/** How long to wait before subscribing again after the stream ended (server restart, time limit). */
export const resubscribeDelay = (attempt: number) => Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));

/**
 * urql's subscriptionExchange hands subscriptions here. A stream the server ends (its one-hour limit,
 * a restart) is opened again, so an open page stays live for as long as it is open; only the page
 * leaving (unsubscribe) ends it for good.
 */
export const forwardLiveSubscription: SubscriptionForwarder = (request) => ({
  subscribe(sink) {
    let stopped = false;
    let attempt = 0;
    let timer: number | undefined;
    let dispose: () => void = () => {};
    const again = () => {
      if (stopped) return;
      timer = window.setTimeout(start, resubscribeDelay(attempt++));
    };
    function start() {
      dispose = sse().subscribe(
        { query: request.query ?? '', variables: request.variables, operationName: request.operationName },
        {
          next: (result) => {
            attempt = 0;
            sink.next(result as Parameters<typeof sink.next>[0]);
          },
          error: again,
          complete: again,
        },
      );
    }
    start();
    return {
      unsubscribe() {
        stopped = true;
        window.clearTimeout(timer);
        dispose();
      },
    };
  },
});
