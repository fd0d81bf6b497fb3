import { useApolloClient, useFragment, useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { RequestTokens } from '../clientRequestToken';
import {
  PortalAssociationFieldsFragment,
  PortalDeleteAssociationDocument,
  PortalTagDocument,
  PortalUntagDocument,
  PortalUpdateRoleDocument,
} from '../operations';
import { NO_ERRORS, sortErrors, type SortedErrors } from '../payloadErrors';
import type { ClusterRef } from './ClusterList';
import { DiagnosisSection } from './DiagnosisSection';
import { Field } from './Field';
import { ProblemNotice } from './ProblemNotice';

interface Props {
  /** The association's opaque id: its fields are read from (and kept current in) the cache. */
  id: string;
  cluster: ClusterRef;
  gatewayUrl: string;
  onClose: () => void;
  onDeleted: (name: string) => void;
}

/** One association: its details, its diagnosis, a new role, its tags, and delete after a confirmation. */
export function AssociationPanel({ id, cluster, gatewayUrl, onClose, onDeleted }: Props) {
  const { data, complete } = useFragment({
    fragment: PortalAssociationFieldsFragment,
    from: { __typename: 'PodIdentityAssociation', id },
  });
  if (!complete) return null;
  const name = `${data.namespace}/${data.serviceAccount}`;
  return (
    <section aria-labelledby="association-heading" className="panel">
      <h3 id="association-heading">{name}</h3>
      <button type="button" className="close" onClick={onClose}>
        Close
      </button>
      <dl>
        <dt>Association id</dt>
        <dd>{data.associationId}</dd>
        <dt>Role</dt>
        <dd className="arn">{data.roleArn ?? '—'}</dd>
        {data.targetRoleArn ? (
          <>
            <dt>Target role</dt>
            <dd className="arn">{data.targetRoleArn}</dd>
          </>
        ) : null}
        {data.ownerArn ? (
          <>
            <dt>Managed by</dt>
            <dd className="arn">{data.ownerArn}</dd>
          </>
        ) : null}
        <dt>Modified</dt>
        <dd>{data.modifiedAt ?? '—'}</dd>
      </dl>
      <DiagnosisSection id={id} gatewayUrl={gatewayUrl} />
      <RoleForm id={id} roleArn={data.roleArn ?? ''} gatewayUrl={gatewayUrl} />
      <TagsEditor id={id} tags={data.tags ?? []} gatewayUrl={gatewayUrl} />
      <DeleteAssociation id={id} name={name} cluster={cluster} gatewayUrl={gatewayUrl} onDeleted={onDeleted} />
    </section>
  );
}

function RoleForm({ id, roleArn, gatewayUrl }: { id: string; roleArn: string; gatewayUrl: string }) {
  const [value, setValue] = useState(roleArn);
  const [errors, setErrors] = useState<SortedErrors<'roleArn'>>(NO_ERRORS);
  const [fault, setFault] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const tokens = useRef(new RequestTokens());
  const [update, { loading }] = useMutation(PortalUpdateRoleDocument);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const input = { id, roleArn: value.trim() };
    setFault(null);
    setSaved(false);
    try {
      const { data } = await update({
        variables: { input: { ...input, clientRequestToken: tokens.current.tokenFor(input) } },
      });
      const payload = data?.updatePodIdentityAssociation;
      if (!payload) return;
      setErrors(sortErrors(payload.errors, (path) => (path === 'roleArn' ? 'roleArn' : null), 'roleArn'));
      // The cache now holds the changed association: the panel and the table show the new role.
      setSaved(payload.podIdentityAssociation !== null);
    } catch (error) {
      setFault(error);
    }
  };

  return (
    <form aria-label="Role" onSubmit={(event) => void submit(event)} noValidate>
      <Field label="Role ARN" value={value} onChange={setValue} errors={errors.byField.roleArn} />
      <GeneralErrors messages={errors.general} />
      <button type="submit" disabled={loading}>
        Save role
      </button>
      {saved ? <span role="status">Role saved.</span> : null}
      {fault !== null ? <ProblemNotice error={fault} gatewayUrl={gatewayUrl} onRetry={() => void submit()} /> : null}
    </form>
  );
}

function TagsEditor({
  id,
  tags,
  gatewayUrl,
}: {
  id: string;
  tags: ReadonlyArray<{ key: string; value: string }>;
  gatewayUrl: string;
}) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<SortedErrors<'key' | 'value'>>(NO_ERRORS);
  const [fault, setFault] = useState<{ error: unknown; retry: () => void } | null>(null);
  const [tag, tagging] = useMutation(PortalTagDocument);
  const [untag, untagging] = useMutation(PortalUntagDocument);
  const fieldFor = (path: string) => (path.endsWith('.key') ? 'key' : path.endsWith('.value') ? 'value' : null);

  const add = async (event?: FormEvent) => {
    event?.preventDefault();
    setFault(null);
    try {
      const { data } = await tag({ variables: { input: { id, tags: [{ key: key.trim(), value: value.trim() }] } } });
      const payload = data?.tagPodIdentityAssociation;
      if (!payload) return;
      setErrors(sortErrors(payload.errors, fieldFor));
      if (payload.podIdentityAssociation) {
        setKey('');
        setValue('');
      }
    } catch (error) {
      setFault({ error, retry: () => void add() });
    }
  };
  const remove = async (tagKey: string) => {
    setFault(null);
    try {
      const { data } = await untag({ variables: { input: { id, tagKeys: [tagKey] } } });
      const payload = data?.untagPodIdentityAssociation;
      if (payload) setErrors(sortErrors(payload.errors, () => null));
    } catch (error) {
      setFault({ error, retry: () => void remove(tagKey) });
    }
  };

  return (
    <section aria-labelledby="tags-heading">
      <h4 id="tags-heading">Tags</h4>
      {tags.length === 0 ? <p className="hint">No tags.</p> : null}
      <ul className="tags" aria-label="Tags">
        {tags.map((t) => (
          <li key={t.key}>
            <code>
              {t.key}={t.value}
            </code>
            <button
              type="button"
              aria-label={`Remove tag ${t.key}`}
              disabled={untagging.loading}
              onClick={() => void remove(t.key)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form aria-label="Add tag" className="inline" onSubmit={(event) => void add(event)} noValidate>
        <Field label="Tag key" value={key} onChange={setKey} errors={errors.byField.key} />
        <Field label="Tag value" value={value} onChange={setValue} errors={errors.byField.value} />
        <button type="submit" disabled={tagging.loading}>
          Add tag
        </button>
      </form>
      <GeneralErrors messages={errors.general} />
      {fault !== null ? <ProblemNotice error={fault.error} gatewayUrl={gatewayUrl} onRetry={fault.retry} /> : null}
    </section>
  );
}

function DeleteAssociation({
  id,
  name,
  cluster,
  gatewayUrl,
  onDeleted,
}: {
  id: string;
  name: string;
  cluster: ClusterRef;
  gatewayUrl: string;
  onDeleted: (name: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [fault, setFault] = useState<unknown>(null);
  const client = useApolloClient();
  const [remove, { loading }] = useMutation(PortalDeleteAssociationDocument);

  const confirm = async () => {
    setFault(null);
    try {
      const { data } = await remove({ variables: { input: { id } } });
      const payload = data?.deletePodIdentityAssociation;
      if (!payload) return;
      const gone =
        payload.deletedPodIdentityAssociationId !== null ||
        payload.errors.some((e) => e.code === 'ASSOCIATION_NOT_FOUND');
      if (!gone) {
        setErrors(payload.errors.map((e) => `${e.message} (${e.code})`));
        return;
      }
      // Out of the cache, and so out of every list that showed it.
      client.cache.evict({ id: client.cache.identify({ __typename: 'PodIdentityAssociation', id }) });
      client.cache.gc();
      onDeleted(name);
    } catch (error) {
      setFault(error);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete association
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="delete-heading" aria-describedby="delete-text" className="confirm">
      <h4 id="delete-heading">Delete {name}?</h4>
      <p id="delete-text">
        It goes from {cluster.name} ({cluster.region}) at once. Pods that already hold its credentials keep them until
        they expire; new pods no longer receive them.
      </p>
      <GeneralErrors messages={errors} />
      {fault !== null ? <ProblemNotice error={fault} gatewayUrl={gatewayUrl} onRetry={() => void confirm()} /> : null}
      <button type="button" className="danger" disabled={loading} onClick={() => void confirm()}>
        Delete
      </button>
      <button type="button" onClick={() => setConfirming(false)} autoFocus>
        Cancel
      </button>
    </div>
  );
}

function GeneralErrors({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="problem">
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </div>
  );
}
