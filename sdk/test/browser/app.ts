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
// What a user would see: the flag rendered into the page, re-rendered when the provider reports a change.
const render = () => {
  const d = client.getBooleanDetails('checkout', true);
  document.body.innerHTML = `<h1>Flagledger web provider</h1><p id="checkout">checkout is ${d.value ? 'on' : 'off'} (${d.reason})</p>`;
};
render();
client.addHandler(ProviderEvents.ConfigurationChanged, () => {
  w.changedAt = Date.now();
  render();
});
w.ready = true;
