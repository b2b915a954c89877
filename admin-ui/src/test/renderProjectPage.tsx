import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Outlet, Route, Routes } from 'react-router';
import { Provider, type Client } from 'urql';
import { vi } from 'vitest';
import { NoticeProvider } from '../components/Notice';
import type { ProjectFieldsFragment } from '../gql/graphql';

/** A project with a free and a reason-requiring environment, as ProjectLayout would load it. */
export const shopProject = {
  key: 'shop',
  name: 'Shop',
  version: 3,
  environments: [
    { key: 'staging', name: 'Staging', requireReason: false },
    { key: 'production', name: 'Production', requireReason: true },
  ],
} as unknown as ProjectFieldsFragment;

/** An urql client answering from the given functions; the rest are inert mocks. */
export function fakeClient(parts: Partial<Record<'executeQuery' | 'executeMutation' | 'executeSubscription', unknown>>): Client {
  return { executeQuery: vi.fn(), executeMutation: vi.fn(), executeSubscription: vi.fn(), ...parts } as unknown as Client;
}

/**
 * Renders a page of a project the way the app mounts it: at `url`, matched by `route` under an
 * outlet that gives the project (what useProject reads), with the client and the notice live region.
 */
export function renderProjectPage(
  page: ReactElement,
  { client, route, url = `/${route}`, project = shopProject }: { client: Client; route: string; url?: string; project?: ProjectFieldsFragment },
) {
  return render(
    <Provider value={client}>
      <NoticeProvider>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route element={<Outlet context={{ project, reloadProject: () => {} }} />}>
              <Route path={route} element={page} />
            </Route>
          </Routes>
        </MemoryRouter>
      </NoticeProvider>
    </Provider>,
  );
}
