import { ApolloProvider } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { createClient } from './apollo';
import { Portal } from './components/Portal';
import { SignIn } from './components/SignIn';
import { saveSession, savedSession, type Session } from './session';

export function App() {
  const [session, setSession] = useState<Session | null>(savedSession);
  const client = useMemo(() => (session === null ? null : createClient(session)), [session]);

  const change = (next: Session | null) => {
    client?.stop();
    saveSession(next);
    setSession(next);
  };

  if (session === null || client === null) return <SignIn onSignedIn={change} />;
  return (
    <ApolloProvider client={client}>
      <Portal session={session} onSignOut={() => change(null)} />
    </ApolloProvider>
  );
}
