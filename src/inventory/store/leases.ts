/**
 * Leases, for "one sweeper among replicas": one row per name. Taking it is one upsert whose
 * update only applies when the lease is expired or already the taker's, so on PostgreSQL two
 * replicas racing for it cannot both win (the row lock orders them), and on SQLite one process
 * runs one statement at a time.
 */
import { sql } from 'kysely';
import type { StoreContext } from './context';
import { LEASES } from './schema';
import type { LeaseState } from './types';

export async function tryAcquireLease(
  ctx: StoreContext,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date,
): Promise<boolean> {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`ttlMs must be a positive integer; got ${ttlMs}`);
  const taken = await ctx.db
    .insertInto(LEASES)
    .values({ name, holder, expires_at: now.getTime() + ttlMs })
    .onConflict((conflict) =>
      conflict
        .column('name')
        .doUpdateSet((eb) => ({ holder: eb.ref('excluded.holder'), expires_at: eb.ref('excluded.expires_at') }))
        .where((eb) =>
          eb.or([eb(`${LEASES}.holder`, '=', holder), eb(`${LEASES}.expires_at`, '<=', sql<number>`${now.getTime()}`)]),
        ),
    )
    // A row comes back only when the insert or the update happened.
    .returning('holder')
    .executeTakeFirst();
  return taken !== undefined;
}

export async function releaseLease(ctx: StoreContext, name: string, holder: string): Promise<boolean> {
  const result = await ctx.db
    .deleteFrom(LEASES)
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function leaseHolder(ctx: StoreContext, name: string): Promise<LeaseState | null> {
  const row = await ctx.db
    .selectFrom(LEASES)
    .select(['holder', 'expires_at'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? { holder: row.holder, expiresAt: new Date(row.expires_at) } : null;
}
