/** The EKS routes the emulator serves, matched on percent-decoded path segments; built from the operation table. */
import { LABEL, OPERATION_NAMES, OPERATIONS, type OperationName, type OperationSpec } from './model';

type Method = OperationSpec['method'];
const METHOD_ORDER: readonly Method[] = ['GET', 'POST', 'DELETE'];

interface Route {
  pattern: readonly string[];
  methods: Partial<Record<Method, OperationName>>;
}

const ROUTES: readonly Route[] = (() => {
  const byPath = new Map<string, Route>();
  for (const name of OPERATION_NAMES) {
    const { path, method } = OPERATIONS[name];
    const key = path.join('/');
    const route = byPath.get(key) ?? { pattern: path, methods: {} };
    if (route.methods[method]) throw new Error(`two operations on ${method} /${key}`);
    route.methods[method] = name;
    byPath.set(key, route);
  }
  return [...byPath.values()];
})();

export type RouteMatch =
  | { kind: 'operation'; operation: OperationName; labels: string[] }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'unknown' };

/** Operations whose input has a JSON body. */
export const OPERATIONS_WITH_BODY: ReadonlySet<OperationName> = new Set(
  OPERATION_NAMES.filter((name) => OPERATIONS[name].body),
);

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
    return { kind: 'wrongMethod', allowed: METHOD_ORDER.filter((m) => route.methods[m] !== undefined) };
  }
  return { kind: 'unknown' };
}
