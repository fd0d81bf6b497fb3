/**
 * A platform backend's "grant access" step: make sure a service account of a cluster runs as an
 * IAM role, exactly once, however often the step is retried or re-run.
 *
 * - The create carries a `clientRequestToken` derived from the desired state, and every retry
 *   (after a dropped connection or a retryable EKS fault) sends the same one: if the first attempt
 *   was applied before its answer was lost, the retry returns that association, not a second one.
 *   A re-run of the whole script sends the same token too.
 * - Each typed error of the payload is handled: ALREADY_EXISTS becomes an update of the existing
 *   association when its role differs; the others are reported with what they carry. The switch
 *   is exhaustive, so a new error type in the schema breaks this file's type check.
 *
 *   GATEWAY_URL=http://127.0.0.1:4000/graphql npx tsx examples/platform/ensure-association.ts \
 *     --cluster prod-platform --region us-east-1 --namespace payments --service-account refunds \
 *     --role-arn arn:aws:iam::111122223333:role/payments-refunds
 *
 * Prints one JSON line. Exit status: 0 done (`created`, `unchanged` or `updated`), 2 refused with a
 * typed error (`rejected`), 1 gave up on faults or failed otherwise.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  CreateAssociationDocument,
  UpdateAssociationDocument,
  type CreateAssociationMutation,
} from '../generated/graphql';
import { execute, GatewayFault } from './client';

export interface DesiredAssociation {
  clusterName: string;
  region: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
}

export type Outcome =
  | {
      outcome: 'created' | 'unchanged' | 'updated';
      id: string;
      associationId: string;
      roleArn: string | null;
      requests: number;
    }
  | { outcome: 'rejected'; code: string; message: string; detail: Record<string, unknown>; requests: number };

type MutationError = CreateAssociationMutation['createPodIdentityAssociation']['errors'][number];

export interface EnsureOptions {
  url: string;
  /** Attempts per mutation, counting the first. */
  maxAttempts: number;
  /** Overrides the token derived from the desired state. */
  clientRequestToken?: string;
  /** Waits between attempts; the tests pass a short one. */
  backoffMs?: (attempt: number) => number;
}

export async function ensureAssociation(desired: DesiredAssociation, options: EnsureOptions): Promise<Outcome> {
  const retry = new Retrier(options);
  const createToken = options.clientRequestToken ?? tokenFor('create', desired);
  // An association deleted between our create and update sends us round again; twice is plenty.
  for (let round = 0; round < 2; round++) {
    const created = await retry.run(() =>
      execute(options.url, CreateAssociationDocument, {
        input: { ...desired, clientRequestToken: createToken, clientMutationId: 'ensure-association' },
      }),
    );
    const payload = created.createPodIdentityAssociation;
    const association = payload.podIdentityAssociation;
    const [error] = payload.errors;
    if (!error) {
      if (!association) throw new Error('A payload without errors must carry the association');
      return {
        outcome: 'created',
        id: association.id,
        associationId: association.associationId,
        roleArn: association.roleArn,
        requests: retry.requests,
      };
    }
    if (error.__typename !== 'AlreadyExistsError') return rejected(error, retry.requests);

    const existing = error.existingAssociation;
    if (!existing) continue; // deleted again since EKS answered
    if (existing.roleArn === desired.roleArn) {
      return {
        outcome: 'unchanged',
        id: existing.id,
        associationId: existing.associationId,
        roleArn: existing.roleArn,
        requests: retry.requests,
      };
    }
    const updated = await retry.run(() =>
      execute(options.url, UpdateAssociationDocument, {
        input: {
          id: existing.id,
          roleArn: desired.roleArn,
          clientRequestToken: tokenFor(`update:${existing.associationId}`, desired),
        },
      }),
    );
    const updatePayload = updated.updatePodIdentityAssociation;
    const [updateError] = updatePayload.errors;
    if (updateError?.__typename === 'AssociationNotFoundError') continue;
    if (updateError) return rejected(updateError, retry.requests);
    const changed = updatePayload.podIdentityAssociation;
    if (!changed) throw new Error('A payload without errors must carry the association');
    return {
      outcome: 'updated',
      id: changed.id,
      associationId: changed.associationId,
      roleArn: changed.roleArn,
      requests: retry.requests,
    };
  }
  throw new Error(
    `The association of ${desired.namespace}/${desired.serviceAccount} kept disappearing while being updated`,
  );
}

/** What each typed error means for the caller, with the fields it carries. */
function rejected(error: MutationError, requests: number): Outcome {
  const base = { outcome: 'rejected' as const, code: error.code, message: error.message, requests };
  switch (error.__typename) {
    case 'InvalidInputError':
      return { ...base, detail: { field: error.field } };
    case 'ClusterNotFoundError':
      return { ...base, detail: { clusterName: error.clusterName, region: error.region } };
    case 'InvalidRoleError':
      // Usually the role is missing or its trust policy does not name pods.eks.amazonaws.com.
      return { ...base, detail: { roleArn: error.roleArn } };
    case 'ForbiddenError':
      // The gateway's policy: this caller may not make the change, or not bind this role.
      return { ...base, detail: { roleArn: error.deniedRoleArn } };
    case 'AlreadyExistsError':
      return { ...base, detail: { existingAssociationId: error.existingAssociationId } };
    case 'AssociationNotFoundError':
      return { ...base, detail: { associationId: error.associationId } };
    case 'LimitExceededError':
    case 'InvalidRequestError':
      // A full cluster or, for example, an association an add-on manages: a person must decide.
      return { ...base, detail: {} };
    default: {
      const unhandled: never = error;
      throw new Error(`Unhandled mutation error ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Runs a request until it succeeds, a fault is not retryable, or the attempts run out. */
class Retrier {
  /** Requests sent, over every mutation and retry. */
  requests = 0;
  constructor(private readonly options: EnsureOptions) {}

  async run<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.requests++;
      try {
        return await request();
      } catch (error) {
        if (!(error instanceof GatewayFault) || !error.retryable || attempt >= this.options.maxAttempts) throw error;
        console.error(
          `attempt ${attempt} failed (${error.code}: ${error.message}); retrying with the same clientRequestToken`,
        );
        await new Promise((resolve) => setTimeout(resolve, this.backoff(attempt)));
      }
    }
  }

  private backoff(attempt: number): number {
    if (this.options.backoffMs) return this.options.backoffMs(attempt);
    // Exponential with full jitter, so many workers retrying at once spread out.
    return Math.random() * Math.min(5_000, 200 * 2 ** attempt);
  }
}

/** The same desired state always gives the same token (EKS allows 64 characters). */
function tokenFor(step: string, desired: DesiredAssociation): string {
  const digest = createHash('sha256')
    .update(
      JSON.stringify([
        step,
        desired.region,
        desired.clusterName,
        desired.namespace,
        desired.serviceAccount,
        desired.roleArn,
      ]),
    )
    .digest('hex');
  return `ensure-${digest.slice(0, 48)}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cluster: { type: 'string' },
      region: { type: 'string', default: 'us-east-1' },
      namespace: { type: 'string' },
      'service-account': { type: 'string' },
      'role-arn': { type: 'string' },
      token: { type: 'string' },
      'max-attempts': { type: 'string', default: '6' },
      'backoff-ms': { type: 'string' },
    },
  });
  const missing = ['cluster', 'namespace', 'service-account', 'role-arn'].filter(
    (name) => !values[name as keyof typeof values],
  );
  if (missing.length > 0) {
    console.error(`Missing ${missing.map((name) => `--${name}`).join(', ')}`);
    return 1;
  }
  const backoff = values['backoff-ms'] === undefined ? undefined : Number(values['backoff-ms']);
  const result = await ensureAssociation(
    {
      clusterName: values.cluster as string,
      region: values.region,
      namespace: values.namespace as string,
      serviceAccount: values['service-account'] as string,
      roleArn: values['role-arn'] as string,
    },
    {
      url: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
      maxAttempts: Number(values['max-attempts']),
      ...(values.token ? { clientRequestToken: values.token } : {}),
      ...(backoff === undefined ? {} : { backoffMs: () => backoff }),
    },
  );
  console.log(JSON.stringify(result));
  return result.outcome === 'rejected' ? 2 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof GatewayFault ? `Gave up: ${error.code}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
