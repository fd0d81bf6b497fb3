/**
 * Which account and principal a request's credentials stand for:
 * - an access key id of 12 digits is that account (as LocalStack and moto do), its root;
 * - a key the seed lists under an account's `accessKeys` is that account, as its root or as the
 *   IAM user the seed names;
 * - a key starting `ASIA` is temporary: it needs the session token this emulator's STS issued
 *   with it (`x-amz-security-token`), and is the assumed role's session until it expires;
 * - any other key (`test`, `local`, ...) is the root of the default account.
 */
import type { PolicyPrincipal } from '../iam/trustPolicy';
import { AuthError } from './auth';
import { iamUniqueId } from './ids';
import type { Session, SessionTokens } from './sessions';

export interface AccessKeyOwner {
  accountId: string;
  /** The IAM user the key belongs to; null: the account's root. */
  userName: string | null;
}

interface CallerBase {
  accessKeyId: string;
  accountId: string;
  /** As GetCallerIdentity answers it. */
  arn: string;
  userId: string;
}

export type Caller = (CallerBase & { kind: 'static' }) | (CallerBase & { kind: 'session'; session: Session });

export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
const TEMPORARY_KEY_PREFIX = 'ASIA';

export class CredentialDirectory {
  constructor(
    readonly defaultAccountId: string,
    private readonly staticKeys: ReadonlyMap<string, AccessKeyOwner>,
    private readonly sessions: SessionTokens,
  ) {}

  /** The access keys the seed lists, with their owners. */
  keys(): IterableIterator<[string, AccessKeyOwner]> {
    return this.staticKeys.entries();
  }

  /** The caller of a request, or an AuthError (`expired`, `invalid`) for temporary credentials that are not good. */
  resolve(accessKeyId: string, sessionToken: string | undefined, now: number): Caller {
    if (isTemporaryKey(accessKeyId)) {
      const session = sessionToken ? this.sessions.verify(accessKeyId, sessionToken) : null;
      if (!session) throw new AuthError('invalid', INVALID_TOKEN_MESSAGE);
      if (now >= session.expiresAt) throw new AuthError('expired', EXPIRED_TOKEN_MESSAGE);
      return {
        kind: 'session',
        accessKeyId,
        accountId: session.accountId,
        arn: `arn:aws:sts::${session.accountId}:assumed-role/${session.roleName}/${session.sessionName}`,
        userId: `${session.roleId}:${session.sessionName}`,
        session,
      };
    }
    // Long-term keys never come with a session token: one that does is not a key AWS would accept.
    if (sessionToken) throw new AuthError('invalid', INVALID_TOKEN_MESSAGE);
    const owner = this.staticKeys.get(accessKeyId) ?? {
      accountId: /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.defaultAccountId,
      userName: null,
    };
    if (owner.userName === null) {
      return {
        kind: 'static',
        accessKeyId,
        accountId: owner.accountId,
        arn: `arn:aws:iam::${owner.accountId}:root`,
        userId: owner.accountId,
      };
    }
    return {
      kind: 'static',
      accessKeyId,
      accountId: owner.accountId,
      arn: `arn:aws:iam::${owner.accountId}:user/${owner.userName}`,
      userId: iamUniqueId('AIDA', owner.accountId, owner.userName),
    };
  }
}

export function isTemporaryKey(accessKeyId: string): boolean {
  return accessKeyId.startsWith(TEMPORARY_KEY_PREFIX);
}

/** The caller as a trust policy sees it. */
export function principalOf(caller: Caller): PolicyPrincipal {
  return {
    accountId: caller.accountId,
    arn: caller.arn,
    roleArn: caller.kind === 'session' ? caller.session.roleArn : null,
  };
}
