import { useState } from 'react';
import { describeSession, type Session } from '../session';
import { ClusterList, type ClusterRef } from './ClusterList';
import { ClusterView } from './ClusterView';
import { FleetSearch } from './FleetSearch';

interface Props {
  session: Session;
  onSignOut: () => void;
}

export function Portal({ session, onSignOut }: Props) {
  const [cluster, setCluster] = useState<ClusterRef | null>(null);
  // The cluster view stays chosen while the fleet search is shown (and the other way round).
  const [view, setView] = useState<'clusters' | 'fleet'>('clusters');
  return (
    <div className="portal">
      <header>
        <h1>EKS Pod Identity portal</h1>
        <p>
          {session.gatewayUrl} · {describeSession(session)}
        </p>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <div role="group" aria-label="View" className="views">
        <button type="button" aria-pressed={view === 'clusters'} onClick={() => setView('clusters')}>
          By cluster
        </button>
        <button type="button" aria-pressed={view === 'fleet'} onClick={() => setView('fleet')}>
          Fleet search
        </button>
      </div>
      <div className="layout" hidden={view !== 'clusters'}>
        <nav aria-label="Clusters">
          <ClusterList gatewayUrl={session.gatewayUrl} selected={cluster} onSelect={setCluster} />
        </nav>
        <main>
          {cluster === null ? (
            <p className="hint">Choose a cluster to see its Pod Identity associations.</p>
          ) : (
            <ClusterView key={clusterKey(cluster)} cluster={cluster} gatewayUrl={session.gatewayUrl} />
          )}
        </main>
      </div>
      {view === 'fleet' ? (
        <main className="fleet-layout">
          <FleetSearch gatewayUrl={session.gatewayUrl} />
        </main>
      ) : null}
    </div>
  );
}

function clusterKey(cluster: ClusterRef): string {
  return `${cluster.accountId}/${cluster.region}/${cluster.name}`;
}
