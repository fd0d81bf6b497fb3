/**
 * Temporary credentials issued by the emulator's STS. They are self-contained: the session token
 * carries the session (account, role, session name, expiry) and an HMAC, so nothing is stored
 * and a token is recognised as long as the key lasts. The key is derived from the state's secret
 * (the page-token key), so with a state file credentials outlive a restart, as AWS's do; in
 * memory they end with the process (afterwards: "The security token included in the request is
 * invalid.").
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Session {
  /** `ASIA` + 16 characters. */
  accessKeyId: string;
  accountId: string;
  /** The assumed role's ARN, with its path. */
  roleArn: string;
  roleName: string;
  roleId: string;
  sessionName: string;
  /** Epoch ms, on the emulator's clock. */
  issuedAt: number;
  expiresAt: number;
}

export interface IssuedCredentials {
  session: Session;
  secretAccessKey: string;
  sessionToken: string;
}

interface TokenPayload {
  v: 1;
  k: string;
  a: string;
  r: string;
  n: string;
  d: string;
  s: string;
  i: number;
  x: number;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const MAC_BYTES = 32;

export class SessionTokens {
  private readonly key: Buffer;

  /** `stateSecret`: the persisted secret of the state; the token key is derived from it. */
  constructor(stateSecret: Buffer) {
    this.key = createHmac('sha256', stateSecret).update('sts session tokens').digest();
  }

  issue(fields: Omit<Session, 'accessKeyId'>): IssuedCredentials {
    let accessKeyId = 'ASIA';
    for (const byte of randomBytes(16)) accessKeyId += KEY_ALPHABET[byte % 32];
    const session: Session = { accessKeyId, ...fields };
    const payload: TokenPayload = {
      v: 1,
      k: accessKeyId,
      a: session.accountId,
      r: session.roleArn,
      n: session.roleName,
      d: session.roleId,
      s: session.sessionName,
      i: session.issuedAt,
      x: session.expiresAt,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return {
      session,
      // Never checked (signatures are not verified), but as long and as random-looking as AWS's.
      secretAccessKey: createHmac('sha256', this.key).update(`secret ${accessKeyId}`).digest('base64').slice(0, 40),
      sessionToken: `${body}.${this.mac(body).toString('base64url')}`,
    };
  }

  /** The session a token stands for, when this emulator issued it for this access key; null otherwise. */
  verify(accessKeyId: string, token: string): Session | null {
    const [body, mac, ...rest] = token.split('.');
    if (body === undefined || mac === undefined || rest.length > 0 || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(mac))
      return null;
    const received = Buffer.from(mac, 'base64url');
    const expected = this.mac(body);
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) return null;
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      return null;
    }
    if (payload.v !== 1 || payload.k !== accessKeyId) return null;
    return {
      accessKeyId,
      accountId: payload.a,
      roleArn: payload.r,
      roleName: payload.n,
      roleId: payload.d,
      sessionName: payload.s,
      issuedAt: payload.i,
      expiresAt: payload.x,
    };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}
