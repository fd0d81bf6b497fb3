/** The emulator's call counters (`/_emulator/reset`, `/_emulator/stats`): the EKS calls a run made. */

export async function resetCalls(emulatorUrl: string): Promise<void> {
  const res = await fetch(`${emulatorUrl}/_emulator/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`POST /_emulator/reset answered ${res.status}`);
  await res.arrayBuffer();
}

/** Calls since the last reset, by operation name; operations not called are left out. */
export async function callsSinceReset(emulatorUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${emulatorUrl}/_emulator/stats`);
  if (!res.ok) throw new Error(`GET /_emulator/stats answered ${res.status}`);
  const { calls } = (await res.json()) as { calls: Record<string, number> };
  return Object.fromEntries(Object.entries(calls).filter(([, n]) => n > 0));
}
