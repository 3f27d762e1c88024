import type { GATEWAY_SECRET_BINDINGS, providers } from "../../src/index.ts";

type KeyBinding = (typeof providers)[keyof typeof providers]["keyBinding"];

/** The Env a Worker holding every provider key would have; mirrors a generated env.generated.ts. */
export type FixtureEnv = { readonly [K in KeyBinding | (typeof GATEWAY_SECRET_BINDINGS)[number]]: SecretsStoreSecret } & {
  readonly AI_GATEWAY_BASE_URL: string;
};
