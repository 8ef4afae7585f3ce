export { startGateway } from './start-gateway';
export type { RunningGateway } from './start-gateway';
export { loadConfig, DEFAULT_LIMITS, subgraphEnvName } from './config';
export type { GatewayConfig, GatewayLimits } from './config';
