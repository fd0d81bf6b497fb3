import { useState } from 'react';
import { describeSession, type Session } from '../session';
import { ClusterList, type ClusterRef } from './ClusterList';
import { ClusterView } from './ClusterView';

interface Props {
  session: Session;
  onSignOut: () => void;
}

export function Portal({ session, onSignOut }: Props) {
  const [cluster, setCluster] = useState<ClusterRef | null>(null);
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
      <div className="layout">
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
    </div>
  );
}

function clusterKey(cluster: ClusterRef): string {
  return `${cluster.accountId}/${cluster.region}/${cluster.name}`;
}
