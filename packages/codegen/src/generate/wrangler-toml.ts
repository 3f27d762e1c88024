// One Wrangler config per worker: the default environment at the top level, every other
// environment as a complete `[env.<name>]`, because wrangler inherits neither `vars` nor
// `secrets_store_secrets` into environments.
import { stringify } from "smol-toml";
import { stampFile } from "./header.ts";
import type { ResolvedManifest, ResolvedWorker, ResolvedWorkerEnvironment } from "../manifest/model.ts";
import type { VarValue } from "../manifest/define.ts";

interface SecretsStoreSecretToml {
  binding: string;
  store_id: string;
  secret_name: string;
}

interface EnvironmentToml {
  name: string;
  vars?: Record<string, VarValue>;
  secrets_store_secrets?: SecretsStoreSecretToml[];
}

export function renderWranglerToml(worker: ResolvedWorker, manifest: ResolvedManifest): string {
  const top = worker.environments.find((env) => env.isDefault);
  if (top === undefined) throw new Error(`Worker "${worker.id}" has no default environment in the resolved manifest.`);
  const named = worker.environments.filter((env) => !env.isDefault);

  // Insertion order is the key order smol-toml writes, so it is spelled out here.
  const config: Record<string, unknown> = {
    name: top.workerName,
    main: worker.main,
    compatibility_date: worker.compatibilityDate,
  };
  if (worker.compatibilityFlags.length > 0) config.compatibility_flags = [...worker.compatibilityFlags];
  if (top.vars.length > 0) config.vars = varsTable(top);
  if (top.secrets.length > 0) config.secrets_store_secrets = bindingTables(top);
  if (named.length > 0) {
    config.env = Object.fromEntries(named.map((env) => [env.environment, environmentTable(env, top)]));
  }
  return stampFile({ body: stringify(config), comment: "#", manifestPath: manifest.manifestPath });
}

function environmentTable(env: ResolvedWorkerEnvironment, top: ResolvedWorkerEnvironment): EnvironmentToml {
  const table: EnvironmentToml = { name: env.workerName };
  if (env.vars.length > 0) table.vars = varsTable(env);
  if (env.secrets.length > 0) table.secrets_store_secrets = bindingTables(env);
  // An explicit empty list says "no bindings here" rather than "forgot to repeat them".
  else if (top.secrets.length > 0) table.secrets_store_secrets = [];
  return table;
}

function varsTable(env: ResolvedWorkerEnvironment): Record<string, VarValue> {
  return Object.fromEntries(env.vars.map((v) => [v.name, v.value]));
}

function bindingTables(env: ResolvedWorkerEnvironment): SecretsStoreSecretToml[] {
  return env.secrets.map((b) => ({ binding: b.binding, store_id: b.storeId, secret_name: b.storeSecretName }));
}
