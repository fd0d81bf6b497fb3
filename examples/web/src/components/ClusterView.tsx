import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { PortalAssociationsDocument } from '../operations';
import { ASSOCIATIONS_PAGE_SIZE } from '../settings';
import { AssociationPanel } from './AssociationPanel';
import type { ClusterRef } from './ClusterList';
import { CreateAssociationForm } from './CreateAssociationForm';
import { Field } from './Field';
import { ProblemNotice } from './ProblemNotice';

interface Props {
  cluster: ClusterRef;
  gatewayUrl: string;
}

interface Filter {
  namespace: string;
  serviceAccount: string;
}

const NO_FILTER: Filter = { namespace: '', serviceAccount: '' };

/**
 * One cluster's associations, a page at a time ("Load more" fetches the page after
 * `pageInfo.endCursor`, which the cache appends), filtered by namespace and service account; the
 * form to create one; and the panel of the association chosen.
 */
export function ClusterView({ cluster, gatewayUrl }: Props) {
  const [draft, setDraft] = useState<Filter>(NO_FILTER);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [chosen, setChosen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const associations = useQuery(PortalAssociationsDocument, {
    variables: {
      accountId: cluster.accountId,
      region: cluster.region,
      clusterName: cluster.name,
      first: ASSOCIATIONS_PAGE_SIZE,
      namespace: filter.namespace || null,
      serviceAccount: filter.serviceAccount || null,
    },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = associations.data?.cluster?.podIdentityAssociations;
  const edges = connection?.edges ?? [];

  const applyFilter = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ namespace: draft.namespace.trim(), serviceAccount: draft.serviceAccount.trim() });
  };
  const loadMore = () => {
    setMoreError(null);
    associations
      .fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })
      .catch((error: unknown) => setMoreError(error));
  };
  const refetch = () => void associations.refetch().catch(() => undefined);

  return (
    <section aria-labelledby="cluster-heading" className="cluster">
      <h2 id="cluster-heading">{cluster.name}</h2>
      <p className="meta">
        {cluster.region} · account {cluster.accountName ?? cluster.accountId} ({cluster.accountId})
      </p>

      <form aria-label="Filter associations" className="filters" onSubmit={applyFilter}>
        <Field label="Namespace" value={draft.namespace} onChange={(namespace) => setDraft({ ...draft, namespace })} />
        <Field
          label="Service account"
          value={draft.serviceAccount}
          onChange={(serviceAccount) => setDraft({ ...draft, serviceAccount })}
        />
        <button type="submit">Apply filters</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTER);
            setFilter(NO_FILTER);
          }}
        >
          Clear filters
        </button>
      </form>

      {notice !== null ? (
        <p role="status" className="notice">
          {notice}
        </p>
      ) : null}
      {associations.error ? (
        <ProblemNotice error={associations.error} gatewayUrl={gatewayUrl} onRetry={refetch} />
      ) : null}
      {associations.data !== undefined && associations.data.cluster === null ? (
        <p role="status">This cluster no longer exists.</p>
      ) : null}

      <table aria-label="Associations">
        <thead>
          <tr>
            <th scope="col">Namespace</th>
            <th scope="col">Service account</th>
            <th scope="col">Role</th>
            <th scope="col">Tags</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {edges.map(({ node }) => (
            <tr key={node.id} aria-selected={node.id === chosen}>
              <td>{node.namespace}</td>
              <td>{node.serviceAccount}</td>
              <td className="arn">{node.roleArn ?? '—'}</td>
              <td>{(node.tags ?? []).map((t) => `${t.key}=${t.value}`).join(', ')}</td>
              <td>
                <button
                  type="button"
                  aria-label={`Manage ${node.namespace}/${node.serviceAccount}`}
                  onClick={() => setChosen(node.id)}
                >
                  Manage
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {associations.loading || connection ? (
        <p className="meta" role="status">
          {associations.loading ? 'Loading associations…' : `Showing ${edges.length} associations`}
          {connection?.pageInfo.hasNextPage ? ' (more to load)' : ''}
        </p>
      ) : null}
      {moreError !== null ? <ProblemNotice error={moreError} gatewayUrl={gatewayUrl} onRetry={loadMore} /> : null}
      {connection?.pageInfo.hasNextPage ? (
        <button type="button" onClick={loadMore} disabled={associations.loading}>
          Load more
        </button>
      ) : null}

      {chosen !== null ? (
        <AssociationPanel
          key={chosen}
          id={chosen}
          cluster={cluster}
          gatewayUrl={gatewayUrl}
          onClose={() => setChosen(null)}
          onDeleted={(name) => {
            setChosen(null);
            setNotice(`Deleted ${name}.`);
          }}
        />
      ) : null}

      <CreateAssociationForm
        cluster={cluster}
        gatewayUrl={gatewayUrl}
        onCreated={(association) => {
          setNotice(`Created ${association.namespace}/${association.serviceAccount} (${association.associationId}).`);
          setChosen(association.id);
          // Where EKS lists the new association is EKS's business: read the first page again.
          refetch();
        }}
      />
    </section>
  );
}
