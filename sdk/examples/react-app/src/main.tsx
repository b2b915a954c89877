import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OpenFeature, OpenFeatureProvider } from '@openfeature/react-sdk';
import { FlagledgerWebProvider } from '@flagledger/openfeature-web';
import { App } from './App';

// A CLIENT key: it can only ask for evaluated values, so shipping it in the page reveals no rules.
const sdkKey = import.meta.env.VITE_FLAGLEDGER_CLIENT_KEY ?? '';
const user = { targetingKey: 'user-1', plan: 'pro', country: 'NL' };

OpenFeature.setContext(user);
OpenFeature.setProvider(new FlagledgerWebProvider({
  url: window.location.origin,
  sdkKey,
  bootstrap: (window as unknown as { __FLAGS__?: Record<string, unknown> }).__FLAGS__,
}));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OpenFeatureProvider>
      <App />
    </OpenFeatureProvider>
  </StrictMode>,
);
