/**
 * A gateway shut down in the middle of its inventory's first sweep stops the sweep: it makes no
 * further EKS call once closed (it does not wait for the whole fleet to be described), and its
 * close resolves.
 */
import { startStack } from '../../helpers/stack';

test('closing the gateway stops a sweep in progress: no EKS call after the close', async () => {
  // Paced to 4 calls a second, the demo's few hundred associations would take minutes.
  const stack = await startStack({ seed: 'demo' }, { INVENTORY: 'on', INVENTORY_CALLS_PER_SECOND: '4' });
  const described = async () => (await stack.calls()).DescribePodIdentityAssociation ?? 0;
  try {
    for (let waited = 0; (await described()) === 0 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await described()).toBeGreaterThan(0);
    expect((await fetch(`${stack.gateway.url}/readyz?full`)).status).toBe(503);
    await stack.gateway.close();
    const atClose = await described();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await described()).toBe(atClose);
  } finally {
    await stack.close();
  }
});
