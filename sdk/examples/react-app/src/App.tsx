import { useBooleanFlagDetails, useStringFlagValue, useTrack } from '@openfeature/react-sdk';

/** Reads flags with the OpenFeature hooks; they re-render when the provider reports a change. */
export function App() {
  const checkout = useBooleanFlagDetails('new-checkout', false);
  const banner = useStringFlagValue('banner', 'Welcome');
  const { track } = useTrack();
  return (
    <main>
      <h1>{banner}</h1>
      <p>
        new-checkout is <strong>{checkout.value ? 'on' : 'off'}</strong> (reason {checkout.reason}
        {checkout.errorCode ? `, ${checkout.errorCode}` : ''})
      </p>
      <button type="button" onClick={() => track('checkout.clicked', { value: 1 })}>
        {checkout.value ? 'Try the new checkout' : 'Checkout'}
      </button>
    </main>
  );
}
