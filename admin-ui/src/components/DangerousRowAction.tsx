import type { OperationResult } from 'urql';
import { outcome } from '../api/mutate';
import type { ChangeRequest } from './ChangeDialog';
import { useNotify } from './Notice';

type Props = {
  /** What the button does to the row's thing, e.g. "Revoke": its text, and with the name its label and the dialog's title. */
  verb: string;
  /** The row's thing as the user knows it, e.g. a token's name. */
  name: string;
  /** What the notice says after the name once it is done, e.g. "revoked". */
  done: string;
  /** What the dialog says and whether it asks for a reason; it is always a danger dialog. */
  change: Pick<ChangeRequest, 'summary' | 'reasonRequired' | 'reasonPolicy' | 'confirmLabel'>;
  /** Sends the mutation with the reason the user gave. */
  send: (reason: string | undefined) => Promise<OperationResult<unknown>>;
  /** Besides the notice, what follows once it is done, e.g. reloading the list. */
  onDone?: () => void;
  /** Opens the page's ChangeDialog with the change. */
  ask: (change: ChangeRequest) => void;
};

/**
 * A table row's button for an action that cannot be undone (revoke a token or key, delete a
 * webhook): it asks through the ChangeDialog, sends the mutation and says so once it is done.
 */
export function DangerousRowAction({ verb, name, done, change, send, onDone, ask }: Props) {
  const notify = useNotify();
  return (
    <button
      type="button"
      className="button small danger"
      aria-label={`${verb} ${name}`}
      onClick={() =>
        ask({
          ...change,
          title: `${verb} ${name}`,
          danger: true,
          apply: async (reason) => {
            const result = await outcome(send(reason));
            if (result.data) {
              notify(`${name} ${done}`);
              onDone?.();
            }
            return result.problem;
          },
        })
      }
    >
      {verb}…
    </button>
  );
}
