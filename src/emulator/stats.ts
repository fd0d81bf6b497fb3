/** Per-operation call counters for `GET /_emulator/stats`: every EKS, STS and IAM operation, by name. */
import { ALL_OPERATION_NAMES, SERVICE_OPERATION_NAMES, type ServiceName, type ServiceOperationName } from './model';

export interface StatsReport {
  /** Calls by operation name: the EKS operations, then the STS ones, then the IAM ones. */
  calls: Record<ServiceOperationName, number>;
  total: number;
  /** The total of each service. */
  byService: Record<ServiceName, number>;
}

export class CallStats {
  private calls = zeroes();

  count(operation: ServiceOperationName): void {
    this.calls[operation] += 1;
  }

  reset(): void {
    this.calls = zeroes();
  }

  report(): StatsReport {
    const calls = { ...this.calls };
    const byService = Object.fromEntries(
      Object.entries(SERVICE_OPERATION_NAMES).map(([service, names]) => [
        service,
        names.reduce((sum, name) => sum + calls[name], 0),
      ]),
    ) as Record<ServiceName, number>;
    return { calls, total: Object.values(calls).reduce((sum, n) => sum + n, 0), byService };
  }
}

function zeroes(): Record<ServiceOperationName, number> {
  return Object.fromEntries(ALL_OPERATION_NAMES.map((name) => [name, 0])) as Record<ServiceOperationName, number>;
}
