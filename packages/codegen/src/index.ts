export { defineManifest, SECRET_SCOPES } from "./manifest/define.ts";
export type {
  EnvironmentInput,
  LimitsInput,
  ManifestInput,
  SecretInput,
  SecretScope,
  VarValue,
  WorkerEnvironmentInput,
  WorkerInput,
} from "./manifest/define.ts";
