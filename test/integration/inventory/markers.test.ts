/** Sweep markers on both engines: written and read back, replaced, shared by two stores. */
import { ENGINES, useInventoryEngine } from '../../helpers/inventory';

describe.each(ENGINES)('sweep markers on %s', (engine) => {
  const harness = useInventoryEngine(engine);

  test('a marker reads back as written, and a later write replaces it', async () => {
    const store = await harness.openFresh();
    expect(await store.readMarker('full')).toBeNull();
    const startedAt = new Date('2026-12-01T10:00:00.123Z');
    await store.writeMarker('full', { startedAt, endedAt: null });
    expect(await store.readMarker('full')).toEqual({ startedAt, endedAt: null });
    const endedAt = new Date('2026-12-01T10:05:00.456Z');
    await store.writeMarker('full', { startedAt, endedAt });
    expect(await store.readMarker('full')).toEqual({ startedAt, endedAt });
    expect(await store.readMarker('refresh')).toBeNull();
  });

  test('another store on the same database reads what one wrote', async () => {
    const url = await harness.freshUrl();
    const [a, b] = [await harness.open(url), await harness.open(url)];
    const marker = { startedAt: new Date(1_000), endedAt: new Date(2_000) };
    await a.writeMarker('last', marker);
    expect(await b.readMarker('last')).toEqual(marker);
  });
});
