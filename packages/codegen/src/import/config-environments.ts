// One Wrangler config seen as environments: the top level (the manifest's default environment) and
// each [env.NAME]. Wrangler inherits neither vars nor bindings into environments, and neither does this.
import type { VarValue } from "../manifest/define.ts";
import type { WranglerConfigFile } from "./read-wrangler-configs.ts";

export interface StoreBinding {
  readonly binding: string;
  readonly store_id: string;
  readonly secret_name: string;
}

export interface ConfigEnvironment {
  readonly name: string;
  readonly isDefault: boolean;
  /** The Worker's name there, as wrangler would deploy it. */
  readonly workerName: string | undefined;
  readonly accountId: string | undefined;
  readonly vars: Record<string, VarValue>;
  readonly bindings: StoreBinding[];
}

const MODELLED_TOP = new Set(["name", "main", "compatibility_date", "compatibility_flags", "vars", "secrets_store_secrets", "env", "account_id", "$schema"]);
const MODELLED_ENV = new Set(["name", "vars", "secrets_store_secrets", "account_id"]);

export function collectEnvironments(file: WranglerConfigFile, defaultEnvironment: string, warnings: string[]): ConfigEnvironment[] {
  const config = file.config;
  const topName = typeof config.name === "string" ? config.name : undefined;
  const topAccount = typeof config.account_id === "string" ? config.account_id : undefined;
  const dropped = Object.keys(config).filter((key) => !MODELLED_TOP.has(key));
  if (dropped.length > 0) warnings.push(`${file.file}: not imported: ${dropped.join(", ")} (the manifest does not model them; \`generate\` would drop them).`);
  const out: ConfigEnvironment[] = [
    { name: defaultEnvironment, isDefault: true, workerName: topName, accountId: topAccount, vars: varsOf(config.vars, file, "vars", warnings), bindings: bindingsOf(config.secrets_store_secrets, file, "", warnings) },
  ];
  const envs = typeof config.env === "object" && config.env !== null ? (config.env as Record<string, Record<string, unknown>>) : {};
  for (const [name, env] of Object.entries(envs)) {
    if (name === defaultEnvironment) {
      warnings.push(`${file.file}: [env.${name}] has the name of the default environment; pass --default-env with another name to import it.`);
      continue;
    }
    const droppedEnv = Object.keys(env).filter((key) => !MODELLED_ENV.has(key));
    if (droppedEnv.length > 0) warnings.push(`${file.file}: not imported from [env.${name}]: ${droppedEnv.join(", ")}.`);
    out.push({
      name,
      isDefault: false,
      workerName: typeof env.name === "string" ? env.name : topName === undefined ? undefined : `${topName}-${name}`,
      accountId: typeof env.account_id === "string" ? env.account_id : topAccount,
      vars: varsOf(env.vars, file, `env.${name}.vars`, warnings),
      bindings: bindingsOf(env.secrets_store_secrets, file, `env.${name}.`, warnings),
    });
  }
  return out;
}

function varsOf(value: unknown, file: WranglerConfigFile, where: string, warnings: string[]): Record<string, VarValue> {
  if (typeof value !== "object" || value === null) return {};
  const out: Record<string, VarValue> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === "string" || typeof entry === "number" || typeof entry === "boolean") out[key] = entry;
    else warnings.push(`${file.file}: ${where}.${key} is not a string, number or boolean; not imported.`);
  }
  return out;
}

function bindingsOf(value: unknown, file: WranglerConfigFile, where: string, warnings: string[]): StoreBinding[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: Record<string, unknown>, index) => {
    const { binding, store_id: storeId, secret_name: secretName } = entry ?? {};
    if (typeof binding === "string" && typeof storeId === "string" && typeof secretName === "string") return [{ binding, store_id: storeId, secret_name: secretName }];
    warnings.push(`${file.file}: ${where}secrets_store_secrets[${index}] lacks binding, store_id or secret_name; not imported.`);
    return [];
  });
}
