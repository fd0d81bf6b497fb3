import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { PortalAccountsDocument, PortalClustersDocument } from '../operations';
import { CLUSTERS_PAGE_SIZE } from '../settings';
import { ProblemNotice } from './ProblemNotice';

export interface ClusterRef {
  readonly accountId: string;
  readonly accountName: string | null;
  readonly region: string;
  readonly name: string;
}

interface Props {
  gatewayUrl: string;
  selected: ClusterRef | null;
  onSelect: (cluster: ClusterRef) => void;
}

/** The clusters of one account and region, or of all: `clusters(accountId, region)`. */
export function ClusterList({ gatewayUrl, selected, onSelect }: Props) {
  const [accountId, setAccountId] = useState('');
  const [region, setRegion] = useState('');
  const accounts = useQuery(PortalAccountsDocument, { errorPolicy: 'all' });
  const clusters = useQuery(PortalClustersDocument, {
    variables: { accountId: accountId || null, region: region || null, first: CLUSTERS_PAGE_SIZE },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const [moreError, setMoreError] = useState<unknown>(null);

  const accountList = accounts.data?.accounts ?? [];
  const regions = [
    ...new Set(accountList.filter((a) => accountId === '' || a.accountId === accountId).flatMap((a) => a.regions)),
  ];
  const connection = clusters.data?.clusters;
  const edges = connection?.edges ?? [];

  const chooseAccount = (next: string) => {
    setAccountId(next);
    const nextRegions = accountList.filter((a) => next === '' || a.accountId === next).flatMap((a) => a.regions);
    if (!nextRegions.includes(region)) setRegion('');
  };
  const loadMore = () => {
    setMoreError(null);
    clusters
      .fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })
      .catch((error: unknown) => setMoreError(error));
  };

  return (
    <section aria-labelledby="clusters-heading">
      <h2 id="clusters-heading">Clusters</h2>
      <div className="filters">
        <label>
          Account
          <select value={accountId} onChange={(e) => chooseAccount(e.target.value)}>
            <option value="">All accounts</option>
            {accountList.map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.name === null ? a.accountId : `${a.name} (${a.accountId})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Region
          <select value={region} onChange={(e) => setRegion(e.target.value)}>
            <option value="">All regions</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      {accounts.error ? (
        <ProblemNotice error={accounts.error} gatewayUrl={gatewayUrl} onRetry={() => void accounts.refetch()} />
      ) : null}
      {clusters.error ? (
        <ProblemNotice
          error={clusters.error}
          gatewayUrl={gatewayUrl}
          onRetry={() => void clusters.refetch().catch(() => undefined)}
        />
      ) : null}
      {(connection?.unavailableAccounts ?? []).map((u) => (
        <p key={u.accountId} className="warning" role="status">
          Account {u.name ?? u.accountId} ({u.accountId}) is unavailable: <code>{u.stsError}</code> {u.message}
        </p>
      ))}
      {clusters.loading && edges.length === 0 ? <p role="status">Loading clusters…</p> : null}
      <ul className="clusters" aria-label="Cluster list">
        {edges.map(({ node }) => {
          const ref: ClusterRef = {
            accountId: node.accountId,
            accountName: node.account.name,
            region: node.region,
            name: node.name,
          };
          const current =
            selected !== null &&
            selected.accountId === ref.accountId &&
            selected.region === ref.region &&
            selected.name === ref.name;
          return (
            <li key={node.id}>
              <button type="button" aria-pressed={current} onClick={() => onSelect(ref)}>
                {node.name}
              </button>
              <span className="meta">
                {node.region} · {node.account.name ?? node.accountId} · {node.status ?? 'status unknown'}
                {node.version === null ? '' : ` · ${node.version}`}
              </span>
            </li>
          );
        })}
      </ul>
      {!clusters.loading && connection !== undefined && edges.length === 0 ? (
        <p className="hint">No clusters here.</p>
      ) : null}
      {moreError !== null ? <ProblemNotice error={moreError} gatewayUrl={gatewayUrl} onRetry={loadMore} /> : null}
      {connection?.pageInfo.hasNextPage ? (
        <button type="button" onClick={loadMore} disabled={clusters.loading}>
          More clusters
        </button>
      ) : null}
    </section>
  );
}
