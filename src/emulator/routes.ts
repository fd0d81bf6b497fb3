/** The EKS routes the emulator serves, matched on percent-decoded path segments. */
import type { OperationName } from './model';

type Method = 'GET' | 'POST' | 'DELETE';
const LABEL = '{label}';

const ROUTES: ReadonlyArray<{ pattern: readonly string[]; methods: Partial<Record<Method, OperationName>> }> = [
  { pattern: ['clusters'], methods: { GET: 'ListClusters' } },
  { pattern: ['clusters', LABEL], methods: { GET: 'DescribeCluster' } },
  {
    pattern: ['clusters', LABEL, 'pod-identity-associations'],
    methods: { GET: 'ListPodIdentityAssociations', POST: 'CreatePodIdentityAssociation' },
  },
  {
    pattern: ['clusters', LABEL, 'pod-identity-associations', LABEL],
    methods: { GET: 'DescribePodIdentityAssociation', POST: 'UpdatePodIdentityAssociation', DELETE: 'DeletePodIdentityAssociation' },
  },
  { pattern: ['clusters', LABEL, 'addons'], methods: { GET: 'ListAddons' } },
  { pattern: ['clusters', LABEL, 'addons', LABEL], methods: { GET: 'DescribeAddon' } },
];

export type RouteMatch =
  | { kind: 'operation'; operation: OperationName; labels: string[] }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'unknown' };

/** Operations whose input has a JSON body. */
export const OPERATIONS_WITH_BODY: ReadonlySet<OperationName> = new Set<OperationName>([
  'CreatePodIdentityAssociation',
  'UpdatePodIdentityAssociation',
]);

export function matchRoute(method: string, segments: readonly string[]): RouteMatch {
  for (const route of ROUTES) {
    if (route.pattern.length !== segments.length) continue;
    const labels: string[] = [];
    const matches = route.pattern.every((part, index) => {
      const segment = segments[index] as string;
      if (part === LABEL) {
        labels.push(segment);
        return true;
      }
      return part === segment;
    });
    if (!matches) continue;
    const operation = route.methods[method as Method];
    if (operation) return { kind: 'operation', operation, labels };
    return { kind: 'wrongMethod', allowed: Object.keys(route.methods) };
  }
  return { kind: 'unknown' };
}
