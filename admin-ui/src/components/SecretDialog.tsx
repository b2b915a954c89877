import { useState, type ReactNode } from 'react';
import { Modal } from './Modal';
import { useNotify } from './Notice';

type Props = {
  title: string;
  secret: string;
  onClose: () => void;
  /** How to use the secret, below it. */
  children?: ReactNode;
};

/** A secret the server shows only once (SDK keys, API tokens): selectable, with a Copy button. */
export function SecretDialog({ title, secret, onClose, children }: Props) {
  const notify = useNotify();
  const [copied, setCopied] = useState(false);
  return (
    <Modal title={title} onClose={onClose}>
      <p>
        <strong>Copy it now: it is shown only once.</strong> The server keeps only a hash.
      </p>
      <div className="secret-row">
        <textarea className="mono grow secret" readOnly rows={2} aria-label="Secret" value={secret} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button"
          data-autofocus
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied(true);
            } catch {
              setCopied(false);
              notify('The browser refused the clipboard: select the secret and copy it.');
            }
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      {children}
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={onClose}>
          I have copied it
        </button>
      </div>
    </Modal>
  );
}
