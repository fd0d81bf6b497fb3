/**
 * The Kubernetes manifests (deploy/, Kustomize): each overlay renders, every object is valid
 * against the API schemas, the Deployment keeps the contract of docs/deploy.md (replicas,
 * spread, security context, probes, drain timing, mounted files), the environment it sets is
 * exactly what the gateway reads and documents (and loads as a valid configuration with the
 * rendered files), and the Pod Identity association is written out alike in every form.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as k8s from 'kubernetes-models/v1';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config';
import { OTEL_VARIABLES, tracingRequested } from '../../../src/tracing/setup';
import { ROOT } from '../../helpers/builtGateway';
import { only, render, schemaProblems, validateObject, type KubeObject } from '../../helpers/manifests';

const OVERLAYS = ['base', 'overlays/production', 'overlays/ack'] as const;
const NAMESPACE = 'eks-pod-identity-gateway';
const SERVICE_ACCOUNT = 'eks-pod-identity-gateway';
const ROLE_NAME = 'eks-pod-identity-gateway';

type Deployment = KubeObject & {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        serviceAccountName: string;
        terminationGracePeriodSeconds: number;
        securityContext: k8s.IPodSecurityContext;
        topologySpreadConstraints: Array<{
          topologyKey: string;
          labelSelector: { matchLabels: Record<string, string> };
        }>;
        containers: k8s.IContainer[];
        volumes: k8s.IVolume[];
      };
    };
  };
};

const rendered = new Map(OVERLAYS.map((overlay) => [overlay, render(overlay)]));
const objectsOf = (overlay: (typeof OVERLAYS)[number]) => rendered.get(overlay) ?? [];
const deploymentOf = (overlay: (typeof OVERLAYS)[number]) => only<Deployment>(objectsOf(overlay), 'Deployment');
const gatewayContainer = (deployment: Deployment) => {
  const container = deployment.spec.template.spec.containers.find((c) => c.name === 'gateway');
  if (!container) throw new Error('no gateway container');
  return container;
};

describe.each(OVERLAYS)('deploy/%s', (overlay) => {
  const objects = objectsOf(overlay);

  test('renders, and every object is valid against the Kubernetes API schemas', () => {
    expect(objects.length).toBeGreaterThan(8);
    for (const object of objects) expect(() => validateObject(object)).not.toThrow();
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of [
      'Namespace',
      'ServiceAccount',
      'Deployment',
      'Service',
      'PodDisruptionBudget',
      'HorizontalPodAutoscaler',
      'NetworkPolicy',
      'ConfigMap',
      'Secret',
      'ServiceMonitor',
    ])
      expect(kinds).toContain(kind);
    for (const object of objects.filter((o) => o.kind !== 'Namespace'))
      expect([object.kind, object.metadata.namespace]).toEqual([object.kind, NAMESPACE]);
  });

  test('the Deployment: replicas spread over zones, locked down, probed, and draining before it is killed', () => {
    const deployment = deploymentOf(overlay);
    const pod = deployment.spec.template.spec;
    const container = gatewayContainer(deployment);
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.selector.matchLabels).toEqual(
      expect.objectContaining({ 'app.kubernetes.io/name': 'eks-pod-identity-gateway' }),
    );
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    const zone = pod.topologySpreadConstraints.find((c) => c.topologyKey === 'topology.kubernetes.io/zone');
    expect(zone?.labelSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(pod.serviceAccountName).toBe(only(objectsOf(overlay), 'ServiceAccount').metadata.name);

    // The image's user (Dockerfile USER) and the restricted Pod Security Standard.
    const imageUser = /^USER (\d+):(\d+)$/m.exec(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: Number(imageUser?.[1]),
      runAsGroup: Number(imageUser?.[2]),
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = container.volumeMounts?.find((m) => m.mountPath === '/tmp');
    expect(pod.volumes.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources?.limits?.memory).toEqual(expect.any(String));

    const env = new Map((container.env ?? []).map((e) => [e.name, e.value]));
    const port = container.ports?.find((p) => p.name === 'http');
    expect(port?.containerPort).toBe(Number(env.get('PORT')));
    expect(env.get('HOST')).toBe('0.0.0.0');
    expect(container.startupProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });

    // SIGTERM comes after preStop; the drain (SHUTDOWN_GRACE_MS) must end before the kill.
    const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
    expect(preStop).toEqual(['sleep', expect.stringMatching(/^\d+$/)]);
    const drainMs = Number(preStop[1]) * 1000 + Number(env.get('SHUTDOWN_GRACE_MS'));
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(drainMs);
  });

  test('the Service, PodDisruptionBudget, HorizontalPodAutoscaler, NetworkPolicy and ServiceMonitor find the pods', () => {
    const podLabels = deploymentOf(overlay).spec.template.metadata.labels;
    const matches = (selector: Record<string, string> | undefined) =>
      Object.entries(selector ?? { none: 'none' }).every(([key, value]) => podLabels[key] === value);
    const service = only<KubeObject & { spec: k8s.IServiceSpec }>(objects, 'Service');
    expect(matches(service.spec.selector)).toBe(true);
    expect(service.spec.ports?.[0]).toMatchObject({ name: 'http', targetPort: 'http' });
    const pdb = only<
      KubeObject & { spec: { maxUnavailable: number; selector: { matchLabels: Record<string, string> } } }
    >(objects, 'PodDisruptionBudget');
    expect(matches(pdb.spec.selector.matchLabels)).toBe(true);
    expect(pdb.spec.maxUnavailable).toBe(1);
    const hpa = only<KubeObject & { spec: { minReplicas: number; scaleTargetRef: { kind: string; name: string } } }>(
      objects,
      'HorizontalPodAutoscaler',
    );
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: deploymentOf(overlay).metadata.name });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy') as Array<
      KubeObject & { spec: { podSelector: { matchLabels: Record<string, string> } } }
    >)
      expect(matches(policy.spec.podSelector.matchLabels)).toBe(true);
    const monitor = only<
      KubeObject & {
        spec: { selector: { matchLabels: Record<string, string> }; endpoints: Array<{ port: string; path: string }> };
      }
    >(objects, 'ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toMatchObject({ 'app.kubernetes.io/name': 'eks-pod-identity-gateway' });
    expect(
      Object.entries(monitor.spec.selector.matchLabels).every(([k, v]) => service.metadata.labels?.[k] === v),
    ).toBe(true);
    expect(monitor.spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics' })]);
  });

  test('its environment is what the gateway reads and the README documents, and loads as a valid configuration', () => {
    expect(environmentProblems(objects)).toEqual([]);
  });
});

test('the production overlay shares Redis and PostgreSQL between its replicas, and traces', () => {
  const env = gatewayContainer(deploymentOf('overlays/production')).env ?? [];
  const byName = new Map(env.map((e) => [e.name, e]));
  expect(byName.get('REDIS_URL')?.valueFrom?.secretKeyRef).toEqual({
    name: 'eks-pod-identity-gateway-backends',
    key: 'redis-url',
  });
  expect(byName.get('INVENTORY_DATABASE')?.valueFrom?.secretKeyRef).toEqual({
    name: 'eks-pod-identity-gateway-backends',
    key: 'inventory-database',
  });
  expect(tracingRequested(Object.fromEntries(env.map((e) => [e.name, e.value])))).toBe(true);
  expect(deploymentOf('overlays/production').spec.replicas).toBeGreaterThanOrEqual(3);
  // The base has neither: one replica's cache and inventory are its own.
  const base = new Set((gatewayContainer(deploymentOf('base')).env ?? []).map((e) => e.name));
  expect([base.has('REDIS_URL'), base.has('INVENTORY_DATABASE')]).toEqual([false, false]);
});

test('a misspelt or unknown variable in the manifests is caught', () => {
  const objects = structuredClone(objectsOf('base'));
  const env = gatewayContainer(only<Deployment>(objects, 'Deployment')).env ?? [];
  const grace = env.find((e) => e.name === 'SHUTDOWN_GRACE_MS');
  if (grace) grace.name = 'SHUTDOWN_GRACE_MSS';
  env.push({ name: 'GATEWAY_REGION', value: 'us-east-1' });
  expect(environmentProblems(objects)).toEqual([
    'SHUTDOWN_GRACE_MSS is not a variable of the README Configuration table',
    'GATEWAY_REGION is not a variable of the README Configuration table',
    'SHUTDOWN_GRACE_MSS is set but the gateway does not read it',
    'GATEWAY_REGION is set but the gateway does not read it',
  ]);
});

test('every variable the README documents is read by the gateway', () => {
  const source = sourceText(join(ROOT, 'src'));
  const unread = [...documentedVariables()].filter((name) => !new RegExp(`['".]${name}\\b`).test(source));
  expect(unread).toEqual([]);
});

describe('the Pod Identity association of the gateway', () => {
  const serviceAccount = only(objectsOf('base'), 'ServiceAccount');
  const podIdentity = (file: string) => readFileSync(join(ROOT, 'deploy', 'pod-identity', file), 'utf8');

  test('names the namespace and service account of the manifests, as ACK, eksctl, Terraform and the AWS CLI write it', () => {
    expect([serviceAccount.metadata.namespace, serviceAccount.metadata.name]).toEqual([NAMESPACE, SERVICE_ACCOUNT]);
    const ack = only<KubeObject & { spec: Record<string, string> }>(
      objectsOf('overlays/ack'),
      'PodIdentityAssociation',
    );
    expect(ack.spec).toMatchObject({
      namespace: NAMESPACE,
      serviceAccount: SERVICE_ACCOUNT,
      roleARN: expect.stringMatching(new RegExp(`:role/${ROLE_NAME}$`)),
    });
    const eksctl = parse(podIdentity('eksctl.yaml')) as {
      addons: Array<{ name: string }>;
      iam: { podIdentityAssociations: Array<Record<string, string>> };
    };
    expect(eksctl.addons).toContainEqual({ name: 'eks-pod-identity-agent' });
    expect(eksctl.iam.podIdentityAssociations).toEqual([
      { namespace: NAMESPACE, serviceAccountName: SERVICE_ACCOUNT, roleARN: ack.spec.roleARN },
    ]);
    const terraform = podIdentity('main.tf');
    expect(terraform).toContain(`namespace       = "${NAMESPACE}"`);
    expect(terraform).toContain(`service_account = "${SERVICE_ACCOUNT}"`);
    expect(terraform).toContain(`name        = "${ROLE_NAME}"`);
    const cli = podIdentity('create-with-aws-cli.sh');
    expect(cli).toContain(`--namespace ${NAMESPACE} --service-account ${SERVICE_ACCOUNT}`);
    expect(cli).toContain(`--role-name ${ROLE_NAME}`);
  });

  test('its role trusts only EKS Pod Identity of the gateway’s cluster, and has the permissions the README lists', () => {
    const trust = JSON.parse(podIdentity('trust-policy.json')) as { Statement: Array<Record<string, unknown>> };
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: { 'aws:SourceAccount': '${ACCOUNT_ID}' },
          ArnEquals: { 'aws:SourceArn': '${CLUSTER_ARN}' },
        },
      }),
    ]);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /## Pointing it at real AWS[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(JSON.parse(podIdentity('permissions.json'))).toEqual(JSON.parse(block));
  });
});

// ---------------------------------------------------------------------------------------------

/** The variables of the README's Configuration section (its tables, Limits included, and NODE_ENV its defaults name). */
function documentedVariables(): Set<string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /\n## Configuration\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const cell = line.split('|')[1] ?? '';
    for (const match of cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)) names.add(match[1] as string);
    for (const match of line.matchAll(/`([A-Z][A-Z0-9_]+)=/g)) names.add(match[1] as string);
  }
  return names;
}

function sourceText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'generated' ? '' : sourceText(path);
      return entry.name.endsWith('.ts') ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}

/** Values for variables the manifests take from Secrets the operator creates. */
const SECRET_PLACEHOLDERS: Record<string, string> = {
  REDIS_URL: 'rediss://redis.example.internal:6379/0',
  INVENTORY_DATABASE: 'postgres://gateway@postgres.example.internal:5432/gateway',
};

/**
 * What is wrong with the gateway container's environment: a variable neither the README's
 * Configuration table nor OpenTelemetry's standard ones name, one the gateway does not read
 * (loadConfig run on this very environment records what it reads), or a configuration that does
 * not load, with the rendered ConfigMap and Secret files standing in for the mounted ones.
 */
function environmentProblems(objects: KubeObject[]): string[] {
  const deployment = only<Deployment>(objects, 'Deployment');
  const container = gatewayContainer(deployment);
  const documented = documentedVariables();
  const otel = new Set<string>(OTEL_VARIABLES);
  const problems: string[] = [];
  const names = (container.env ?? []).map((e) => e.name);
  for (const name of names) {
    if (!documented.has(name) && !otel.has(name))
      problems.push(`${name} is not a variable of the README Configuration table`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'gateway-manifests-'));
  try {
    const env = mountedEnvironment(objects, deployment, container, dir, problems);
    const read = new Set<string>();
    const recording = new Proxy(env, {
      get(target, property) {
        if (typeof property === 'string') read.add(property);
        return target[property as string];
      },
    });
    try {
      loadConfig(recording);
    } catch (error) {
      problems.push(`the configuration does not load: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (tracingRequested(recording)) for (const name of OTEL_VARIABLES) read.add(name);
    for (const name of names) if (!read.has(name)) problems.push(`${name} is set but the gateway does not read it`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

/** The container's environment with its mounted ConfigMap and Secret files written under `dir`. */
function mountedEnvironment(
  objects: KubeObject[],
  deployment: Deployment,
  container: k8s.IContainer,
  dir: string,
  problems: string[],
): NodeJS.ProcessEnv {
  const mounts = (container.volumeMounts ?? []).map((mount) => {
    const volume = deployment.spec.template.spec.volumes.find((v) => v.name === mount.name);
    const local = join(dir, mount.name);
    mkdirSync(local);
    const source = volume?.configMap
      ? (objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === volume.configMap?.name) as
          (KubeObject & { data?: Record<string, string> }) | undefined)
      : volume?.secret
        ? (objects.find((o) => o.kind === 'Secret' && o.metadata.name === volume.secret?.secretName) as
            (KubeObject & { data?: Record<string, string> }) | undefined)
        : null;
    if (source === undefined) problems.push(`the volume ${mount.name} names no rendered ConfigMap or Secret`);
    for (const [key, value] of Object.entries(source?.data ?? {})) {
      writeFileSync(join(local, key), volume?.secret ? Buffer.from(value, 'base64') : value);
    }
    return { path: mount.mountPath, local };
  });
  const env: NodeJS.ProcessEnv = {};
  for (const variable of container.env ?? []) {
    if (variable.valueFrom) {
      const placeholder = SECRET_PLACEHOLDERS[variable.name];
      if (placeholder === undefined) problems.push(`${variable.name} comes from a Secret the test has no value for`);
      env[variable.name] = placeholder;
      continue;
    }
    const value = variable.value ?? '';
    const mount = mounts.find((m) => value.startsWith(`${m.path}/`));
    env[variable.name] = mount ? mount.local + value.slice(mount.path.length) : value;
  }
  return env;
}

test('the schema check of custom resources refuses unknown and mistyped fields', () => {
  const ack = structuredClone(
    only<KubeObject & { spec: Record<string, unknown> }>(objectsOf('overlays/ack'), 'PodIdentityAssociation'),
  );
  ack.spec.roleArn = ack.spec.roleARN;
  ack.spec.namespace = 7;
  expect(() => validateObject(ack)).toThrow(/\.spec\.namespace: must be a string; \.spec\.roleArn: is not a field/);
  expect(schemaProblems({ type: 'object', required: ['a'] }, {})).toEqual(['.a: is required']);
});
