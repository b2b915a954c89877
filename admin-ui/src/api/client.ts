import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { forwardLiveSubscription } from '../live/transport';
import { apiFetch } from './http';
import { problemOf } from './problems';

/** The GraphQL client. Every change it sends is recorded with the UI as its origin. */
export function createApiClient(onSessionLost: () => void): Client {
  return new Client({
    url: '/graphql',
    fetch: apiFetch,
    fetchOptions: { headers: { 'X-Flagledger-Origin': 'ui' } },
    requestPolicy: 'cache-and-network',
    // The server takes GraphQL over POST only.
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError(error) {
          if (problemOf(error).code === 'UNAUTHENTICATED') onSessionLost();
        },
      }),
      cacheExchange,
      fetchExchange,
      // Live updates (src/live/): subscriptions over SSE.
      subscriptionExchange({ forwardSubscription: forwardLiveSubscription }),
    ],
  });
}
