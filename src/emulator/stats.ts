/** Per-operation call counters for `GET /_emulator/stats`. */
import { OPERATION_NAMES, type OperationName } from './model';

export class CallStats {
  private calls = zeroes();

  count(operation: OperationName): void {
    this.calls[operation] += 1;
  }

  reset(): void {
    this.calls = zeroes();
  }

  report(): { calls: Record<OperationName, number>; total: number } {
    const calls = { ...this.calls };
    return { calls, total: Object.values(calls).reduce((sum, n) => sum + n, 0) };
  }
}

function zeroes(): Record<OperationName, number> {
  return Object.fromEntries(OPERATION_NAMES.map((name) => [name, 0])) as Record<OperationName, number>;
}
