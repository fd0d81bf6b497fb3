/** The local EKS-compatible endpoint, with STS ("the emulator"): see docs/emulator.md. */
export { startEmulator } from './start';
export type { EmulatorOptions, RunningEmulator } from './start';
export type {
  MultiAccountSeedFile,
  Seed,
  SeedAccessKey,
  SeedAccount,
  SeedAddon,
  SeedAssociation,
  SeedCluster,
  SeedFile,
  SeedRole,
  SeedRoleDefinition,
  SeedTime,
} from './seed';
export {
  DEMO_ACCOUNTS,
  DEMO_ADDON_OWNED_ASSOCIATION,
  DEMO_BASE_TIME,
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  DEMO_CROSS_ACCOUNT_EXTERNAL_ID,
  DEMO_DATA_TRUSTED_ACCOUNT,
  DEMO_GATEWAY_ROLE_NAME,
  DEMO_MEMBER_CLUSTERS,
  DEMO_POLICY_ASSOCIATION,
  DEMO_REGIONS,
  DEMO_ROLE_ACCOUNT,
  demoSeed,
} from './seeds/demo';
