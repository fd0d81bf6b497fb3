/** Who uses a role: as role, as target role, and in how many clusters. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { ALIAS, rowConditions } from './conditions';
import type { StoreContext } from './context';
import { DEFAULT_ORDER } from './cursor';
import { or } from './globs';
import { checkRange, countWhere, distinctCount, MAX_SEARCH_PAGE, pageQuery, runPage } from './search';
import type { RoleUsage, Visibility } from './types';

/** Exactly this ARN: an ARN holds no `*`, but a caller's value is not trusted to be an ARN. */
function exactly(column: 'role_arn' | 'target_role_arn', arn: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(`${ALIAS}.${column}`)} = ${arn}`;
}

export async function roleUsage(
  ctx: StoreContext,
  roleArn: string,
  visibility: Visibility,
  first = 100,
): Promise<RoleUsage> {
  checkRange('first', first, 0, MAX_SEARCH_PAGE);
  const visible = rowConditions(ctx.engine, {}, visibility);
  const usage = async (column: 'role_arn' | 'target_role_arn') => {
    const terms = [...visible, exactly(column, roleArn)];
    const page = await runPage(pageQuery(ctx, {}, terms, DEFAULT_ORDER, first), DEFAULT_ORDER, first, null);
    return { page, count: await countWhere(ctx, {}, terms) };
  };
  const asRole = await usage('role_arn');
  const asTargetRole = await usage('target_role_arn');
  const either = or([exactly('role_arn', roleArn), exactly('target_role_arn', roleArn)]);
  return {
    asRole: asRole.page,
    asRoleCount: asRole.count,
    asTargetRole: asTargetRole.page,
    asTargetRoleCount: asTargetRole.count,
    clusterCount: await distinctCount(ctx, ['account_id', 'region', 'cluster_name'], {}, [...visible, either]),
  };
}
