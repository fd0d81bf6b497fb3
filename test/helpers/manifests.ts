/**
 * The Kubernetes manifests under deploy/, rendered by `kubectl kustomize` (Debian's kubectl on a
 * fresh machine, installed by scripts/install-test-deps.sh; `KUBECTL` names another) and
 * validated offline: built-in kinds against the Kubernetes API schemas of `kubernetes-models`,
 * the two custom resources (Prometheus Operator's ServiceMonitor, ACK's PodIdentityAssociation)
 * against the part of their CRDs' schemas the manifests use, unknown fields refused.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { ROOT } from './builtGateway';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [member: string]: unknown;
}

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

/** `kubectl kustomize deploy/<dir>`: its objects; kustomize v5's deprecation notes (of fields v2 needs) are allowed. */
export function render(dir: string): KubeObject[] {
  const run = spawnSync(KUBECTL, ['kustomize', join(ROOT, 'deploy', dir)], { encoding: 'utf8' });
  if (run.error) {
    throw new Error(
      `${KUBECTL} could not run (${run.error.message}): bash scripts/install-test-deps.sh installs Debian's kubectl.`,
    );
  }
  if (run.status !== 0) throw new Error(`${KUBECTL} kustomize deploy/${dir} failed: ${run.stderr}`);
  const unexpected = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^# Warning: '(bases|patchesStrategicMerge)' is deprecated/.test(line));
  if (unexpected.length > 0) throw new Error(`${KUBECTL} kustomize deploy/${dir} warned: ${unexpected.join('\n')}`);
  return parseAllDocuments(run.stdout).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`deploy/${dir} rendered invalid YAML: ${doc.errors[0]?.message}`);
    const object = doc.toJS() as KubeObject & { data?: Record<string, string> };
    // kustomize v5 wraps long base64 values over lines; the API server's decoder skips the newlines.
    if (object.kind === 'Secret' && object.data) {
      for (const [key, value] of Object.entries(object.data)) object.data[key] = value.replace(/\s+/g, '');
    }
    return object;
  });
}

type Model = new (data: never) => { validate(): void };

const MODELS: Record<string, Model> = {
  'v1/Namespace': core.Namespace,
  'v1/ServiceAccount': core.ServiceAccount,
  'v1/Service': core.Service,
  'v1/ConfigMap': core.ConfigMap,
  'v1/Secret': core.Secret,
  'apps/v1/Deployment': apps.Deployment,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': autoscaling.HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
};

/** A JSON schema subset (types, required, properties, additionalProperties, items, enum). */
export interface Schema {
  type: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | false;
  required?: string[];
  items?: Schema;
  enum?: string[];
  pattern?: RegExp;
}

const str: Schema = { type: 'string' };
const labels: Schema = { type: 'object', additionalProperties: str };
const metadata: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/ },
    namespace: str,
    labels,
    annotations: labels,
  },
  additionalProperties: false,
};
const secretKey: Schema = {
  type: 'object',
  required: ['key'],
  properties: { name: str, key: str, optional: { type: 'boolean' } },
  additionalProperties: false,
};
const labelSelector: Schema = {
  type: 'object',
  properties: { matchLabels: labels, matchExpressions: { type: 'array', items: { type: 'object' } } },
  additionalProperties: false,
};

/** From prometheus-operator's monitoring.coreos.com_servicemonitors.yaml (v1), the members used. */
const SERVICE_MONITOR: Schema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: str,
    kind: str,
    metadata,
    spec: {
      type: 'object',
      required: ['selector', 'endpoints'],
      properties: {
        selector: labelSelector,
        namespaceSelector: {
          type: 'object',
          properties: { any: { type: 'boolean' }, matchNames: { type: 'array', items: str } },
          additionalProperties: false,
        },
        endpoints: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              port: str,
              path: str,
              scheme: { type: 'string', enum: ['http', 'https'] },
              interval: { type: 'string', pattern: /^(0|(\d+(ms|s|m|h))+)$/ },
              scrapeTimeout: { type: 'string', pattern: /^(0|(\d+(ms|s|m|h))+)$/ },
              authorization: {
                type: 'object',
                properties: { type: str, credentials: secretKey },
                additionalProperties: false,
              },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

/** From aws-controllers-k8s/eks-controller's eks.services.k8s.aws_podidentityassociations.yaml (v1alpha1). */
const POD_IDENTITY_ASSOCIATION: Schema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: str,
    kind: str,
    metadata,
    spec: {
      type: 'object',
      required: ['namespace', 'serviceAccount'],
      properties: {
        clientRequestToken: str,
        clusterName: str,
        clusterRef: {
          type: 'object',
          properties: { from: { type: 'object', properties: { name: str }, additionalProperties: false } },
          additionalProperties: false,
        },
        namespace: str,
        roleARN: { type: 'string', pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/ },
        roleRef: {
          type: 'object',
          properties: { from: { type: 'object', properties: { name: str }, additionalProperties: false } },
          additionalProperties: false,
        },
        serviceAccount: str,
        tags: labels,
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
};

const CUSTOM: Record<string, Schema> = {
  'monitoring.coreos.com/v1/ServiceMonitor': SERVICE_MONITOR,
  'eks.services.k8s.aws/v1alpha1/PodIdentityAssociation': POD_IDENTITY_ASSOCIATION,
};

/** The problems of a value against a schema, each with its path; empty when it conforms. */
export function schemaProblems(schema: Schema, value: unknown, path = ''): string[] {
  const at = path || '(root)';
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return [`${at}: must be a string`];
      if (schema.enum && !schema.enum.includes(value)) return [`${at}: must be one of ${schema.enum.join(', ')}`];
      if (schema.pattern && !schema.pattern.test(value)) return [`${at}: must match ${String(schema.pattern)}`];
      return [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: must be an integer`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: must be a boolean`];
    case 'array':
      if (!Array.isArray(value)) return [`${at}: must be an array`];
      return value.flatMap((item, i) => (schema.items ? schemaProblems(schema.items, item, `${path}[${i}]`) : []));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: must be an object`];
      const record = value as Record<string, unknown>;
      const problems = (schema.required ?? [])
        .filter((key) => record[key] === undefined)
        .map((key) => `${path}.${key}: is required`);
      for (const [key, member] of Object.entries(record)) {
        const memberSchema = schema.properties?.[key] ?? schema.additionalProperties;
        if (memberSchema === false) problems.push(`${path}.${key}: is not a field of this object`);
        else if (memberSchema) problems.push(...schemaProblems(memberSchema, member, `${path}.${key}`));
      }
      return problems;
    }
  }
}

/** Validates one rendered object against its kind's schema; throws with the problems. */
export function validateObject(object: KubeObject): void {
  const kind = `${object.apiVersion}/${object.kind}`;
  const Model = MODELS[kind];
  if (Model) {
    new Model(object as never).validate();
    return;
  }
  const schema = CUSTOM[kind];
  if (!schema) throw new Error(`No schema for ${kind}: add its model or CRD schema to test/helpers/manifests.ts.`);
  const problems = schemaProblems(schema, object);
  if (problems.length > 0) throw new Error(`${kind} ${object.metadata.name}: ${problems.join('; ')}`);
}

/** The one object of a kind (and name, when given) among the rendered ones. */
export function only<T = KubeObject>(objects: KubeObject[], kind: string, name?: string): T {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0] as T;
}
