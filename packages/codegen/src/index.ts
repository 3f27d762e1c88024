// Public API. The CLI (`secrets-manifest`) is the usual entry; these are for scripts and tests.
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
export { validateManifest } from "./manifest/validate.ts";
export type { ValidateOptions, ValidationResult } from "./manifest/validate.ts";
export { formatIssue, formatPath } from "./manifest/issues.ts";
export type { ManifestIssue, IssuePath, SourceLocation } from "./manifest/issues.ts";
export type {
  GeneratedFile,
  GeneratedFileKind,
  ResolvedBinding,
  ResolvedEnvironment,
  ResolvedManifest,
  ResolvedSecret,
  ResolvedVar,
  ResolvedWorker,
  ResolvedWorkerEnvironment,
} from "./manifest/model.ts";
export { renderAll } from "./generate/render-all.ts";
export { renderWranglerConfig, renderWranglerJson, renderWranglerToml } from "./generate/render-wrangler-config.ts";
export { renderEnvTypes } from "./generate/env-types.ts";
export { renderProvisionScript } from "./generate/provision-script.ts";
export { prepareGeneration } from "./pipeline.ts";
