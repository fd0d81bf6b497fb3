/**
 * The backend models the rest of the gateway works with: EKS shapes normalised from the SDK
 * (required members made required, tags as maps, every object tagged with its region).
 */

/** What IAM calls are labelled with for region (metrics, limiter): IAM is one global service. */
export const IAM_REGION_LABEL = 'global';

/** Where an EKS call goes: the account whose credentials sign it, and the region. */
export interface AccountRegion {
  accountId: string;
  region: string;
}

/** What a ListPodIdentityAssociations entry carries: enough to link, not to show the role. */
export interface AssociationSummary {
  accountId: string;
  region: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  associationArn: string;
  associationId: string;
  ownerArn: string | null;
}

/** What DescribePodIdentityAssociation (and every mutation) returns. */
export interface AssociationDetail extends AssociationSummary {
  roleArn: string;
  targetRoleArn: string | null;
  externalId: string | null;
  disableSessionTags: boolean;
  policy: string | null;
  tags: Record<string, string>;
  createdAt: Date | null;
  modifiedAt: Date | null;
}

/** Identifies one association for a Describe, Update or Delete call. */
export interface AssociationKey {
  accountId: string;
  region: string;
  clusterName: string;
  associationId: string;
}

/** An association as the tag operations name it: by its ARN, within its cluster. */
export interface AssociationTarget extends AssociationKey {
  associationArn: string;
}

/** Tags as EKS holds them: keys to values. */
export type Tags = Record<string, string>;

export interface ClusterKey {
  accountId: string;
  region: string;
  name: string;
}

/** What DescribeCluster returns, reduced to what the schema exposes. */
export interface ClusterDetail extends ClusterKey {
  arn: string | null;
  status: string | null;
  version: string | null;
  platformVersion: string | null;
  endpoint: string | null;
  createdAt: Date | null;
  tags: Record<string, string>;
  oidcIssuer: string | null;
  /** EKS Auto Mode (`computeConfig.enabled`): the Pod Identity agent is built in. */
  autoMode: boolean;
}

/** An add-on of a cluster, as DescribeAddon answers (what the diagnosis reads). */
export interface AddonDetail {
  name: string;
  /** ACTIVE, CREATING, DEGRADED, ...; null when EKS gives none. */
  status: string | null;
  version: string | null;
  /** The add-on's health issues (code and message), as EKS reports them. */
  issues: Array<{ code: string; message: string }>;
}

/** An IAM role, as GetRole answers (what the diagnosis reads). */
export interface RoleDetail {
  arn: string;
  accountId: string;
  roleName: string;
  /** The trust policy as JSON text (decoded from IAM's URL encoding). */
  trustPolicy: string;
}

/** One page of a List call, with the token of the next page (null on the last one). */
export interface EksPage<T> {
  items: T[];
  nextToken: string | null;
}

export interface ListAssociationsParams {
  namespace?: string;
  serviceAccount?: string;
  maxResults: number;
  nextToken: string | null;
}

export interface CreateAssociationParams {
  accountId: string;
  region: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  targetRoleArn?: string;
  disableSessionTags?: boolean;
  policy?: string;
  tags?: Record<string, string>;
  clientRequestToken: string;
  /** Find out what EKS would answer, with reads only; nothing changes (src/eks/dryRun.ts). */
  dryRun?: boolean;
}

/** An absent member keeps its value; an empty string clears targetRoleArn or policy. */
export interface UpdateAssociationParams extends AssociationKey {
  roleArn?: string;
  targetRoleArn?: string;
  disableSessionTags?: boolean;
  policy?: string;
  clientRequestToken: string;
  /** As for create. */
  dryRun?: boolean;
}
