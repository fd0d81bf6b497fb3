/** Identifiers and ARNs. */
import { createHash, randomBytes } from 'node:crypto';

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random association id (`a-` + 17 of [a-z0-9]) from the OS's CSPRNG, without modulo bias. */
export function randomAssociationId(): string {
  let out = 'a-';
  while (out.length < 19) {
    for (const byte of randomBytes(24)) {
      // 252 = 7 * 36: rejecting the top 4 byte values keeps every character equally likely.
      if (byte < 252 && out.length < 19) out += ID_ALPHABET[byte % 36];
    }
  }
  return out;
}

/** An association id drawn from a seeded PRNG, so seeds (the demo seed) give the same ids on every start. */
export function seededAssociationId(random: () => number): string {
  let out = 'a-';
  for (let i = 0; i < 17; i++) out += ID_ALPHABET[Math.floor(random() * 36)];
  return out;
}

/** mulberry32: a tiny, fast, seedable PRNG with good enough statistics for ids and fault decisions. */
export function createPrng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUID-shaped value derived from its inputs: stable add-on ARNs and cluster endpoints across restarts. */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The ARN partition of a region: China and GovCloud regions have their own. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A cluster's stable unique id (32 hex digits, upper case): what its endpoint and OIDC issuer carry. */
export function clusterUniqueId(accountId: string, region: string, name: string): string {
  return createHash('sha256').update(`${accountId}/${region}/${name}`).digest('hex').slice(0, 32).toUpperCase();
}

/** The host name and path of a cluster's OIDC issuer (`oidc.eks.<region>.amazonaws.com/id/<id>`), as IRSA trust policies name it. */
export function oidcProvider(accountId: string, region: string, name: string): string {
  const dnsSuffix = partitionOf(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `oidc.eks.${region}.${dnsSuffix}/id/${clusterUniqueId(accountId, region, name)}`;
}

export function clusterArn(region: string, accountId: string, cluster: string): string {
  return `arn:${partitionOf(region)}:eks:${region}:${accountId}:cluster/${cluster}`;
}

export function associationArn(region: string, accountId: string, cluster: string, associationId: string): string {
  return `arn:${partitionOf(region)}:eks:${region}:${accountId}:podidentityassociation/${cluster}/${associationId}`;
}

export function addonArn(region: string, accountId: string, cluster: string, addon: string, arnId: string): string {
  return `arn:${partitionOf(region)}:eks:${region}:${accountId}:addon/${cluster}/${addon}/${arnId}`;
}

/** An IAM unique id (`AROA...` for roles, `AIDA...` for users: the prefix and 17 of [A-Z2-7]), derived from its parts so it is stable. */
export function iamUniqueId(prefix: 'AROA' | 'AIDA', ...parts: string[]): string {
  const digest = createHash('sha256')
    .update([prefix, ...parts].join('\u0000'))
    .digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = prefix;
  for (let i = 0; id.length < 21; i++) id += alphabet[(digest[i] as number) % 32];
  return id;
}
