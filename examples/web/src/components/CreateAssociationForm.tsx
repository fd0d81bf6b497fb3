import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent } from 'react';
import { RequestTokens } from '../clientRequestToken';
import type { PortalAssociationFieldsFragment } from '../gql/graphql';
import { PortalCreateAssociationDocument } from '../operations';
import { NO_ERRORS, sortErrors, type SortedErrors } from '../payloadErrors';
import type { ClusterRef } from './ClusterList';
import { Field } from './Field';
import { ProblemNotice } from './ProblemNotice';

type FormField = 'namespace' | 'serviceAccount' | 'roleArn' | 'targetRoleArn' | 'tags';

interface Props {
  cluster: ClusterRef;
  gatewayUrl: string;
  onCreated: (association: PortalAssociationFieldsFragment) => void;
}

const EMPTY = { namespace: '', serviceAccount: '', roleArn: '', targetRoleArn: '', tags: '' };

/** `team=payments, tier=gold` as tags; the gateway checks keys and values (and names `tags.N.key`). */
function parseTags(text: string): Array<{ key: string; value: string }> {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const at = item.indexOf('=');
      return at < 0 ? { key: item, value: '' } : { key: item.slice(0, at).trim(), value: item.slice(at + 1).trim() };
    });
}

/** The field of the form an `INVALID_INPUT` path names (`tags.2.key` is the tags field). */
function fieldFor(path: string): FormField | null {
  const head = path.split('.')[0];
  return head === 'namespace' ||
    head === 'serviceAccount' ||
    head === 'roleArn' ||
    head === 'targetRoleArn' ||
    head === 'tags'
    ? head
    : null;
}

/**
 * Creates an association in the cluster. Each typed payload error shows beside its field; a fault
 * (EKS throttling, ...) shows with Retry, which sends the same input with the same
 * `clientRequestToken`, so a create that EKS did apply is not made twice.
 */
export function CreateAssociationForm({ cluster, gatewayUrl, onCreated }: Props) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<SortedErrors<FormField>>(NO_ERRORS);
  const [fault, setFault] = useState<unknown>(null);
  const tokens = useRef(new RequestTokens());
  const [create, { loading }] = useMutation(PortalCreateAssociationDocument);

  const set = (field: FormField) => (value: string) => setValues({ ...values, [field]: value });

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const input = {
      accountId: cluster.accountId,
      region: cluster.region,
      clusterName: cluster.name,
      namespace: values.namespace.trim(),
      serviceAccount: values.serviceAccount.trim(),
      roleArn: values.roleArn.trim(),
      targetRoleArn: values.targetRoleArn.trim() || null,
      tags: parseTags(values.tags),
    };
    setFault(null);
    try {
      const { data } = await create({
        variables: { input: { ...input, clientRequestToken: tokens.current.tokenFor(input) } },
      });
      const payload = data?.createPodIdentityAssociation;
      if (!payload) return;
      setErrors(sortErrors(payload.errors, fieldFor, 'roleArn'));
      if (payload.podIdentityAssociation) {
        setValues(EMPTY);
        onCreated(payload.podIdentityAssociation);
      }
    } catch (error) {
      setFault(error);
    }
  };

  return (
    <section aria-labelledby="create-heading" className="create">
      <h3 id="create-heading">New association</h3>
      <form aria-label="New association" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Namespace"
          required
          value={values.namespace}
          onChange={set('namespace')}
          errors={errors.byField.namespace}
        />
        <Field
          label="Service account"
          required
          value={values.serviceAccount}
          onChange={set('serviceAccount')}
          errors={errors.byField.serviceAccount}
        />
        <Field
          label="Role ARN"
          required
          value={values.roleArn}
          onChange={set('roleArn')}
          errors={errors.byField.roleArn}
          placeholder="arn:aws:iam::111122223333:role/payments-refunds"
        />
        <Field
          label="Target role ARN"
          value={values.targetRoleArn}
          onChange={set('targetRoleArn')}
          errors={errors.byField.targetRoleArn}
          hint="Optional: a role in another account that EKS assumes through the role (role chaining)."
        />
        <Field
          label="Tags"
          value={values.tags}
          onChange={set('tags')}
          errors={errors.byField.tags}
          hint="Optional: key=value pairs, separated by commas."
        />
        {errors.general.length > 0 ? (
          <div role="alert" className="problem">
            <ul>
              {errors.general.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <button type="submit" disabled={loading}>
          Create association
        </button>
      </form>
      {fault !== null ? <ProblemNotice error={fault} gatewayUrl={gatewayUrl} onRetry={() => void submit()} /> : null}
    </section>
  );
}
