// The page the browser test loads: the web provider with OpenFeature's web SDK, as an application uses them.
import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
import { FlagledgerWebProvider } from '@flagledger/openfeature-web';

const params = new URLSearchParams(location.search);
const w = window as unknown as Record<string, unknown>;
const provider = new FlagledgerWebProvider({ url: location.origin, sdkKey: params.get('key') ?? '', startupTimeoutMs: 1_000 });
await OpenFeature.setContext({ targetingKey: 'browser-user', country: 'NL' });
await OpenFeature.setProviderAndWait(provider);
const client = OpenFeature.getClient();
w.readCheckout = () => client.getBooleanDetails('checkout', true);
client.addHandler(ProviderEvents.ConfigurationChanged, () => (w.changedAt = Date.now()));
w.ready = true;
