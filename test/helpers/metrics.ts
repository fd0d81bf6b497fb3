/** Reading the gateway's `/metrics` in tests. */

/** The sum of one metric's samples whose labels include `labels`; 0 when there is none. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const full = `eks_pod_identity_gateway_${name}`;
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#') && line.split(/[{ ]/)[0] === full)
    .filter((line) => wanted.every((pair) => line.includes(pair)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** GET /metrics, with a bearer token when the gateway asks for one. */
export async function scrapeMetrics(gatewayUrl: string, token: string | null = null): Promise<string> {
  const res = await fetch(new URL('/metrics', gatewayUrl), {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}: ${await res.text()}`);
  return res.text();
}

/** Polls `read` until `done` holds, at most `attempts` times, `everyMs` apart; returns the last value. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  attempts = 200,
  everyMs = 20,
): Promise<T> {
  let value = await read();
  for (let i = 1; i < attempts && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    value = await read();
  }
  return value;
}
