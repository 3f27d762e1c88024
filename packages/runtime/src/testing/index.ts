export type { FixtureSecrets, SampleRequest } from "./fixtures.ts";
export { fixtureSecretsFor, renderClientTokensSecret, sampleRequests } from "./fixtures.ts";
export { describeProxyWorker } from "./proxy-worker-suite.ts";
export type { TestEnv } from "./seed-secrets.ts";
export { seedGatewaySecrets, seedSecret } from "./seed-secrets.ts";
export type { RecordedRequest, RecordedWebSocketEvent, StandInGateway, StandInHandler } from "./stand-in-gateway.ts";
export { STAND_IN_RESPONSE_HEADERS, useStandInGateway } from "./stand-in-gateway.ts";
export { STAND_IN_GATEWAY_BASE_URL } from "./stand-in-url.ts";
export type { ProxyWorkerUnderTest } from "./suite-context.ts";
