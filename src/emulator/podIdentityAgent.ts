/**
 * The EKS Pod Identity agent's credentials endpoint, as a pod's SDK reaches it: `GET /v1/credentials`
 * with the content of `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (the pod's projected service
 * account token) as the `Authorization` header, answered with the JSON of the container
 * credential provider (`AccessKeyId`, `SecretAccessKey`, `Token`, `AccountId`, `Expiration`).
 *
 * The emulator stands for the cluster too, so it issues the tokens (`POST /_emulator/pod-identity-tokens`):
 * JWTs like the kubelet's projected tokens (audience `pods.eks.amazonaws.com`, subject
 * `system:serviceaccount:<namespace>:<name>`), which also name their cluster's ARN, signed with
 * HMAC-SHA256 under a key derived from the state's secret. The agent finds the association of
 * the token's (cluster, namespace, service account) in the state, checks the role against the
 * emulated IAM as EKS Pod Identity would (it exists, and trusts `pods.eks.amazonaws.com` with
 * sts:AssumeRole, and sts:TagSession unless session tags are disabled; a target role must trust
 * the association's role with its external id), and answers STS-style temporary credentials of
 * the role (of the target role when there is one), which every EKS, STS and IAM call of the
 * emulator accepts as that role's session until they expire.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { podIdentityRoleRequest, targetRoleRequest, type AssociationSubject } from '../iam/podIdentityRequests';
import { UNKNOWN } from '../iam/trustPolicy';
import { invalidParameter, jsonType, quote } from './errors';
import { clusterArn, oidcProvider } from './ids';
import type { RoleDirectory } from './roles';
import type { SessionTokens } from './sessions';
import type { Store } from './store';
import { parseRoleArn, validateClusterName, validateNamespace, validateServiceAccount } from './validation';

/** The agent's path; the agent itself listens on http://169.254.170.23/v1/credentials. */
export const AGENT_PATH = '/v1/credentials';
export const POD_IDENTITY_AUDIENCE = 'pods.eks.amazonaws.com';
/** How long the agent's credentials last unless configured (our choice: as EKS Auth's, hours). */
export const DEFAULT_CREDENTIAL_SECONDS = 6 * 3600;
/** How long a token lasts unless asked (the kubelet's projected tokens for Pod Identity: a day). */
const DEFAULT_TOKEN_SECONDS = 24 * 3600;
const MAX_TOKEN_SECONDS = 366 * 24 * 3600;
/** Issued credentials the report keeps, newest last. */
const REPORT_LIMIT = 100;

/** What the agent answers; an error body is `{"Code", "Message"}` (our choice; the SDK reads both). */
export interface AgentAnswer {
  status: number;
  body: unknown;
}

export interface AgentContext {
  store: Store;
  roles: RoleDirectory;
  sessions: SessionTokens;
  now(): number;
}

interface TokenClaims {
  iss: string;
  aud: string[];
  sub: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
  'kubernetes.io': {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
  };
  /** Our choice: the agent is one for every cluster here, so the token says which it is from. */
  'eks.amazonaws.com': { clusterArn: string };
}

/** What the report says of one set of credentials handed out. */
export interface IssuedRecord {
  accessKeyId: string;
  roleArn: string;
  accountId: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  issuedAt: string;
  expiration: string;
}

type Refusal =
  | 'InvalidTokenException'
  | 'ExpiredTokenException'
  | 'ResourceNotFoundException'
  | 'AccessDeniedException'
  | 'MethodNotAllowed';

const STATUS: Record<Refusal, number> = {
  InvalidTokenException: 401,
  ExpiredTokenException: 401,
  ResourceNotFoundException: 404,
  AccessDeniedException: 403,
  MethodNotAllowed: 405,
};

class AgentRefusal extends Error {
  constructor(
    readonly code: Refusal,
    message: string,
  ) {
    super(message);
  }
}

export class PodIdentityAgent {
  private readonly key: Buffer;
  private readonly issued: IssuedRecord[] = [];
  private readonly refused = new Map<Refusal, number>();

  /** `stateSecret`: the persisted secret of the state, so tokens outlive a restart with a state file. */
  constructor(
    stateSecret: Buffer,
    readonly credentialSeconds: number,
  ) {
    this.key = createHmac('sha256', stateSecret).update('pod identity agent tokens').digest();
  }

  /** `POST /_emulator/pod-identity-tokens`: a token for a pod of a service account in a cluster of the state. */
  issueToken(ctx: AgentContext, body: Record<string, unknown>): { token: string; expiresAt: string; subject: string } {
    const allowed = [
      'accountId',
      'region',
      'clusterName',
      'namespace',
      'serviceAccount',
      'podName',
      'expiresInSeconds',
    ];
    const unknown = Object.keys(body).find((member) => !allowed.includes(member));
    if (unknown !== undefined) {
      throw invalidParameter(`Unknown member ${quote(unknown)}; the body may have ${allowed.join(', ')}.`);
    }
    const text = (name: string, fallback?: string): string => {
      const value = body[name] ?? fallback;
      if (typeof value !== 'string') throw invalidParameter(`${name} must be a string; received ${jsonType(value)}.`);
      return value;
    };
    const accountId = text('accountId', ctx.store.defaultAccountId);
    if (!/^\d{12}$/.test(accountId))
      throw invalidParameter(`accountId must be 12 digits; received ${quote(accountId)}.`);
    const region = text('region', 'us-east-1');
    const clusterName = validateClusterName(text('clusterName'));
    const namespace = validateNamespace(text('namespace'));
    const serviceAccount = validateServiceAccount(text('serviceAccount'));
    if (!ctx.store.account(accountId).cluster(region, clusterName)) {
      throw invalidParameter(
        `No cluster ${clusterName} in ${region} of account ${accountId}: tokens are issued by clusters.`,
      );
    }
    const seconds = body.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TOKEN_SECONDS) {
      throw invalidParameter(
        `expiresInSeconds must be a whole number from 1 to ${MAX_TOKEN_SECONDS}; received ${quote(seconds)}.`,
      );
    }
    const podName = body.podName === undefined ? null : text('podName');
    const now = Math.floor(ctx.now() / 1000);
    const claims: TokenClaims = {
      iss: `https://${oidcProvider(accountId, region, clusterName)}`,
      aud: [POD_IDENTITY_AUDIENCE],
      sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
      iat: now,
      nbf: now,
      exp: now + seconds,
      jti: randomUUID(),
      'kubernetes.io': {
        namespace,
        serviceaccount: { name: serviceAccount, uid: randomUUID() },
        ...(podName === null ? {} : { pod: { name: podName, uid: randomUUID() } }),
      },
      'eks.amazonaws.com': { clusterArn: clusterArn(region, accountId, clusterName) },
    };
    return { token: this.sign(claims), expiresAt: new Date(claims.exp * 1000).toISOString(), subject: claims.sub };
  }

  /** `GET /v1/credentials`: the credentials of the role associated with the token's service account. */
  credentials(ctx: AgentContext, method: string, authorization: string | undefined): AgentAnswer {
    try {
      if (method !== 'GET') throw new AgentRefusal('MethodNotAllowed', `Use GET on ${AGENT_PATH}, not ${method}.`);
      return { status: 200, body: this.answer(ctx, this.verify(ctx, authorization)) };
    } catch (error) {
      if (!(error instanceof AgentRefusal)) throw error;
      this.refused.set(error.code, (this.refused.get(error.code) ?? 0) + 1);
      return { status: STATUS[error.code], body: { Code: error.code, Message: error.message } };
    }
  }

  /** `GET /_emulator/pod-identity`: the settings, the credentials handed out (the last 100) and the refusals. */
  report(): unknown {
    return {
      credentialSeconds: this.credentialSeconds,
      issued: [...this.issued],
      refused: Object.fromEntries(this.refused),
    };
  }

  private verify(ctx: AgentContext, authorization: string | undefined): TokenClaims {
    const token = authorization?.trim() ?? '';
    if (token === '') throw new AgentRefusal('InvalidTokenException', 'Service account token cannot be empty.');
    const [header, payload, mac, ...rest] = token.split('.');
    const expected = header !== undefined && payload !== undefined ? this.mac(`${header}.${payload}`) : null;
    const received = mac === undefined ? null : Buffer.from(mac, 'base64url');
    if (
      rest.length > 0 ||
      expected === null ||
      received === null ||
      received.length !== expected.length ||
      !timingSafeEqual(received, expected)
    ) {
      throw new AgentRefusal(
        'InvalidTokenException',
        'The service account token is not valid: it was not issued by this cluster.',
      );
    }
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString('utf8')) as TokenClaims;
    if (!claims.aud.includes(POD_IDENTITY_AUDIENCE)) {
      throw new AgentRefusal(
        'InvalidTokenException',
        `The service account token's audience is not ${POD_IDENTITY_AUDIENCE}.`,
      );
    }
    if (ctx.now() >= claims.exp * 1000)
      throw new AgentRefusal('ExpiredTokenException', 'The service account token has expired.');
    return claims;
  }

  private answer(ctx: AgentContext, claims: TokenClaims): Record<string, string> {
    const [, , , region = '', accountId = '', resource = ''] = claims['eks.amazonaws.com'].clusterArn.split(':');
    const clusterName = resource.replace(/^cluster\//, '');
    const { namespace, serviceaccount, pod } = claims['kubernetes.io'];
    const cluster = ctx.store.account(accountId).cluster(region, clusterName);
    const association = cluster?.associationFor(namespace, serviceaccount.name);
    if (!association) {
      throw new AgentRefusal(
        'ResourceNotFoundException',
        `No Pod Identity association for the service account ${namespace}/${serviceaccount.name} in the cluster ${clusterName}.`,
      );
    }
    const subject: AssociationSubject = {
      accountId,
      clusterName,
      clusterArn: clusterArn(region, accountId, clusterName),
      namespace,
      serviceAccount: serviceaccount.name,
      disableSessionTags: association.disableSessionTags,
    };
    const denied = (why: string) =>
      new AgentRefusal('AccessDeniedException', `EKS Pod Identity could not assume ${association.roleArn}: ${why}.`);
    const role = ctx.roles.resolve(parseRoleArn(association.roleArn, 'roleArn'));
    if (!role) throw denied('the role does not exist');
    if (!role.trustPolicy.allows(podIdentityRoleRequest(subject, 'sts:AssumeRole')))
      throw denied('its trust policy does not allow pods.eks.amazonaws.com sts:AssumeRole');
    if (
      !association.disableSessionTags &&
      !role.trustPolicy.allows(podIdentityRoleRequest(subject, 'sts:TagSession'))
    ) {
      throw denied('its trust policy does not allow pods.eks.amazonaws.com sts:TagSession, which session tags need');
    }
    const sessionName = `eks-${clusterName}-${pod?.name ?? serviceaccount.name}-${randomUUID().slice(0, 8)}`
      .replace(/[^\w+=,.@-]/g, '-')
      .slice(0, 64);
    let granted = role;
    if (association.targetRoleArn !== null) {
      const target = ctx.roles.resolve(parseRoleArn(association.targetRoleArn, 'targetRoleArn'));
      const trusted = target?.trustPolicy.allows(
        targetRoleRequest(subject, { accountId: role.accountId, arn: role.arn }, association.externalId ?? UNKNOWN),
      );
      if (!target || (target.source === 'seed' && !trusted)) {
        throw new AgentRefusal(
          'AccessDeniedException',
          `EKS Pod Identity could not assume the target role ${association.targetRoleArn} from ${association.roleArn}.`,
        );
      }
      granted = target;
    }
    // Whole seconds, so the Expiration answered is exactly when the credentials stop working.
    const issuedAt = Math.floor(ctx.now() / 1000) * 1000;
    const { session, secretAccessKey, sessionToken } = ctx.sessions.issue({
      accountId: granted.accountId,
      roleArn: granted.arn,
      roleName: granted.roleName,
      roleId: granted.roleId,
      sessionName,
      issuedAt,
      expiresAt: issuedAt + this.credentialSeconds * 1000,
    });
    const expiration = new Date(session.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.issued.push({
      accessKeyId: session.accessKeyId,
      roleArn: granted.arn,
      accountId: granted.accountId,
      clusterName,
      namespace,
      serviceAccount: serviceaccount.name,
      issuedAt: new Date(issuedAt).toISOString(),
      expiration,
    });
    if (this.issued.length > REPORT_LIMIT) this.issued.shift();
    return {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: secretAccessKey,
      Token: sessionToken,
      AccountId: granted.accountId,
      Expiration: expiration,
    };
  }

  private sign(claims: TokenClaims): string {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'eks-emulator' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${header}.${payload}.${this.mac(`${header}.${payload}`).toString('base64url')}`;
  }

  private mac(signed: string): Buffer {
    return createHmac('sha256', this.key).update(signed).digest();
  }
}
