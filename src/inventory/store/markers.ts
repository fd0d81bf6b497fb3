/**
 * Sweep markers: when a kind of sweep last started and ended, in the database so that every
 * replica knows (whichever one swept) whether the inventory is synced and how fresh it is.
 */
import type { StoreContext } from './context';
import { MARKERS } from './schema';
import type { SweepMarker } from './types';

export async function writeMarker(ctx: StoreContext, name: string, marker: SweepMarker): Promise<void> {
  const values = { name, started_at: marker.startedAt.getTime(), ended_at: marker.endedAt?.getTime() ?? null };
  await ctx.db
    .insertInto(MARKERS)
    .values(values)
    .onConflict((conflict) =>
      conflict.column('name').doUpdateSet({ started_at: values.started_at, ended_at: values.ended_at }),
    )
    .execute();
}

export async function readMarker(ctx: StoreContext, name: string): Promise<SweepMarker | null> {
  const row = await ctx.db
    .selectFrom(MARKERS)
    .select(['started_at', 'ended_at'])
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) return null;
  return { startedAt: new Date(row.started_at), endedAt: row.ended_at === null ? null : new Date(row.ended_at) };
}
