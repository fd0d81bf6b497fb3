import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { EMPTY_FLEET_SEARCH, fleetFilter, type FleetSearchForm } from '../fleetFilter';
import type { PodIdentityAssociationFilter } from '../gql/graphql';
import { PortalFleetSearchDocument } from '../operations';
import { FLEET_PAGE_SIZE } from '../settings';
import { Field } from './Field';
import { ProblemNotice } from './ProblemNotice';

interface Props {
  gatewayUrl: string;
}

const GLOB_HINT = 'Exact, or a glob where * matches any run of characters.';

/**
 * Every association of the fleet that matches a filter, from the gateway's inventory
 * (`Query.podIdentityAssociations`, no EKS call): the total, the groups by cluster, and a table
 * a page at a time ("Load more" by cursor, appended by the cache to the list of that filter).
 */
export function FleetSearch({ gatewayUrl }: Props) {
  const [draft, setDraft] = useState<FleetSearchForm>(EMPTY_FLEET_SEARCH);
  const [filter, setFilter] = useState<PodIdentityAssociationFilter | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const search = useQuery(PortalFleetSearchDocument, {
    variables: { first: FLEET_PAGE_SIZE, filter },
    skip: filter === null,
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = search.data?.podIdentityAssociations;
  const edges = connection?.edges ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMoreError(null);
    setFilter(fleetFilter(draft));
  };
  const loadMore = () => {
    setMoreError(null);
    search
      .fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })
      .catch((error: unknown) => setMoreError(error));
  };
  const retry = () => void search.refetch().catch(() => undefined);
  const field = (key: keyof FleetSearchForm) => ({
    value: draft[key],
    onChange: (value: string) => setDraft({ ...draft, [key]: value }),
  });

  return (
    <section aria-labelledby="fleet-heading" className="fleet">
      <h2 id="fleet-heading">Fleet search</h2>
      <p className="meta">Every association of every account, region and cluster, from the gateway&apos;s inventory.</p>
      <form aria-label="Search the fleet" className="filters" onSubmit={submit}>
        <Field label="Namespace" hint={GLOB_HINT} {...field('namespace')} />
        <Field label="Service account" hint={GLOB_HINT} {...field('serviceAccount')} />
        <Field label="Role ARN" hint={GLOB_HINT} {...field('roleArn')} />
        <Field label="Tag" hint="key=value, or a key alone for any value." {...field('tag')} />
        <button type="submit">Search</button>
      </form>

      {search.error ? <ProblemNotice error={search.error} gatewayUrl={gatewayUrl} onRetry={retry} /> : null}
      {search.loading ? (
        <p className="meta" role="status">
          Searching…
        </p>
      ) : null}
      {connection ? (
        <>
          <p role="status" className="total">
            {connection.totalCount === 1 ? '1 association matches' : `${connection.totalCount} associations match`}
          </p>
          <section aria-labelledby="groups-heading">
            <h3 id="groups-heading">By cluster</h3>
            <ul aria-label="Matches by cluster" className="groups">
              {connection.countsBy.map((group) => (
                <li key={group.value}>
                  <code>{group.value}</code>: {group.count}
                </li>
              ))}
            </ul>
          </section>
          <table aria-label="Fleet associations">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Region</th>
                <th scope="col">Cluster</th>
                <th scope="col">Namespace</th>
                <th scope="col">Service account</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.accountId}</td>
                  <td>{node.region}</td>
                  <td>{node.clusterName}</td>
                  <td>{node.namespace}</td>
                  <td>{node.serviceAccount}</td>
                  <td className="arn">{node.roleArn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="meta">
            Showing {edges.length} of {connection.totalCount}
          </p>
        </>
      ) : null}
      {moreError !== null ? <ProblemNotice error={moreError} gatewayUrl={gatewayUrl} onRetry={loadMore} /> : null}
      {connection?.pageInfo.hasNextPage ? (
        <button type="button" onClick={loadMore} disabled={search.loading}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
