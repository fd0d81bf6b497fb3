/** The local EKS-compatible endpoint ("the emulator"): see docs/emulator.md. */
export { startEmulator } from './start';
export type { EmulatorOptions, RunningEmulator } from './start';
export type { SeedAddon, SeedAssociation, SeedCluster, SeedFile, SeedTime } from './seed';
export {
  DEMO_ADDON_OWNED_ASSOCIATION,
  DEMO_BASE_TIME,
  DEMO_CLUSTERS,
  DEMO_CROSS_ACCOUNT_ASSOCIATION,
  DEMO_POLICY_ASSOCIATION,
  DEMO_REGIONS,
  DEMO_ROLE_ACCOUNT,
  demoSeed,
} from './seeds/demo';
