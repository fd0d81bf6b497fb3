/**
 * Opaque page tokens. A token says "continue after key K" (an association's seq, or a cluster or
 * add-on name), not "skip N", so concurrent creates and deletes never shift a traversal. It is
 * bound to the request it continues (operation, account, region, cluster, filters) and carries an HMAC, so
 * a forged, truncated or foreign token is refused instead of answering a wrong page.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidParameter } from './errors';
import type { OperationName } from './model';

export interface TokenScope {
  operation: OperationName;
  account: string;
  region: string;
  cluster: string | null;
  namespace: string | null;
  serviceAccount: string | null;
}

interface TokenPayload {
  v: 1;
  o: string;
  /** The account; tokens issued before accounts existed have none and belong to the default account. */
  a?: string;
  r: string;
  c: string | null;
  n: string | null;
  s: string | null;
  k: number | string;
}

const MAC_BYTES = 16;

export class PageTokens {
  constructor(
    private readonly key: Buffer,
    private readonly defaultAccountId: string,
  ) {}

  encode(scope: TokenScope, after: number | string): string {
    const payload: TokenPayload = {
      v: 1,
      o: scope.operation,
      a: scope.account,
      r: scope.region,
      c: scope.cluster,
      n: scope.namespace,
      s: scope.serviceAccount,
      k: after,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body).toString('base64url')}`;
  }

  /** The position a token continues after; throws InvalidParameterException for anything but a token we issued for this very request. */
  decodeSeq(token: string, scope: TokenScope): number {
    const after = this.decode(token, scope);
    if (typeof after !== 'number') throw invalidToken('it does not hold a position in this list');
    return after;
  }

  decodeName(token: string, scope: TokenScope): string {
    const after = this.decode(token, scope);
    if (typeof after !== 'string') throw invalidToken('it does not hold a position in this list');
    return after;
  }

  private decode(token: string, scope: TokenScope): number | string {
    const [body, mac, ...rest] = token.split('.');
    if (body === undefined || mac === undefined || rest.length > 0 || !/^[\w-]+$/.test(body) || !/^[\w-]+$/.test(mac)) {
      throw invalidToken('it is not a token this service issued');
    }
    const expected = this.mac(body);
    const received = Buffer.from(mac, 'base64url');
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
      throw invalidToken('it is not a token this service issued, or it was altered');
    }
    let payload: TokenPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenPayload;
    } catch {
      throw invalidToken('it is not a token this service issued');
    }
    if (
      payload.o !== scope.operation ||
      (payload.a ?? this.defaultAccountId) !== scope.account ||
      payload.r !== scope.region ||
      payload.c !== scope.cluster ||
      payload.n !== scope.namespace ||
      payload.s !== scope.serviceAccount
    ) {
      throw invalidToken(
        'it was issued for a different request; keep the operation, account, region, cluster and filters of the first page',
      );
    }
    return payload.k;
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, MAC_BYTES);
  }
}

function invalidToken(reason: string) {
  return invalidParameter(`The nextToken provided is invalid: ${reason}.`);
}
