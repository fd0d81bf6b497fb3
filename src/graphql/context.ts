import type { Logger } from 'pino';
import type { EksLoaders } from '../eks/loaders';
import type { PodIdentityService } from '../eks/podIdentityService';

/** What every resolver receives. Built once per HTTP request, in the server layer only. */
export interface GatewayContext {
  readonly service: PodIdentityService;
  readonly loaders: EksLoaders;
  /** The served regions; the first is the default of optional `region` arguments. */
  readonly regions: readonly string[];
  readonly logger: Logger;
  readonly requestId: string;
}
