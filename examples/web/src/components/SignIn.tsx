import { useState, type FormEvent } from 'react';
import { createClient } from '../apollo';
import { PortalAccountsDocument } from '../operations';
import type { Session } from '../session';
import { DEFAULT_GATEWAY_URL } from '../settings';
import { ProblemNotice } from './ProblemNotice';

interface Props {
  onSignedIn: (session: Session) => void;
}

/**
 * The gateway's URL and a bearer token (empty for a gateway without authentication). Signing in
 * asks the gateway for its accounts, which costs no EKS call, so a wrong token or a gateway that
 * does not allow this page's origin shows here.
 */
export function SignIn({ onSignedIn }: Props) {
  const [gatewayUrl, setGatewayUrl] = useState(DEFAULT_GATEWAY_URL);
  const [token, setToken] = useState('');
  const [failure, setFailure] = useState<{ error: unknown; url: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async (event?: FormEvent) => {
    event?.preventDefault();
    const session: Session = { gatewayUrl: gatewayUrl.trim(), token: token.trim() === '' ? null : token.trim() };
    setBusy(true);
    setFailure(null);
    const client = createClient(session);
    try {
      const { error } = await client.query({ query: PortalAccountsDocument, errorPolicy: 'all' });
      if (error) setFailure({ error, url: session.gatewayUrl });
      else onSignedIn(session);
    } catch (error) {
      setFailure({ error, url: session.gatewayUrl });
    } finally {
      client.stop();
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>EKS Pod Identity portal</h1>
      <form aria-label="Sign in" onSubmit={(event) => void signIn(event)}>
        <label>
          Gateway URL
          <input type="url" required value={gatewayUrl} onChange={(e) => setGatewayUrl(e.target.value)} />
        </label>
        <label>
          Bearer token
          <input
            type="password"
            autoComplete="off"
            value={token}
            aria-describedby="token-hint"
            onChange={(e) => setToken(e.target.value)}
          />
        </label>
        <p id="token-hint" className="hint">
          Leave it empty for a gateway without authentication (<code>npm start</code>). The demo tokens of{' '}
          <code>examples/security/</code> are listed in docs/security.md.
        </p>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {failure ? <ProblemNotice error={failure.error} gatewayUrl={failure.url} onRetry={() => void signIn()} /> : null}
    </main>
  );
}
