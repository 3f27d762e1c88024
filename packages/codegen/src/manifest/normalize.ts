// Turns a schema-valid, rule-checked manifest into the resolved model the generators accept.
import type { ParsedManifest, ParsedWorker } from "./schema.ts";
import type {
  ResolvedBinding,
  ResolvedEnvironment,
  ResolvedManifest,
  ResolvedWorker,
  ResolvedWorkerEnvironment,
} from "./model.ts";
import { DEFAULT_SECRETS_PER_ACCOUNT } from "./rules.ts";

export const ENV_TYPES_FILE = "src/env.generated.ts";
export const DEFAULT_PROVISION_DIR = "provision";

export function normalizeManifest(parsed: ParsedManifest, options: { manifestPath: string }): ResolvedManifest {
  const environments = Object.entries(parsed.environments)
    .map(([name, env]): ResolvedEnvironment => ({
      name,
      isDefault: name === parsed.defaultEnvironment,
      accountId: env.accountId,
      storeId: env.storeId,
      secretPrefix: env.secretPrefix ?? "",
    }))
    // The default environment renders at the top level, so it leads everywhere.
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  const workers = Object.entries(parsed.workers).map(([id, worker]) => resolveWorker(id, worker, environments));
  const boundBy = new Map<string, Set<string>>();
  for (const worker of workers) {
    for (const binding of worker.environments.flatMap((env) => env.secrets)) {
      const ids = boundBy.get(binding.secret) ?? new Set<string>();
      boundBy.set(binding.secret, ids.add(worker.id));
    }
  }
  return {
    manifestPath: options.manifestPath,
    defaultEnvironment: parsed.defaultEnvironment,
    environments,
    secrets: Object.entries(parsed.secrets).map(([name, secret]) => ({
      name,
      description: secret.description,
      scopes: secret.scopes ?? ["workers"],
      rotateEveryDays: secret.rotateEveryDays,
      boundBy: [...(boundBy.get(name) ?? [])],
    })),
    workers,
    provisionDir: parsed.provisionDir ?? DEFAULT_PROVISION_DIR,
    limits: { secretsPerAccount: parsed.limits?.secretsPerAccount ?? DEFAULT_SECRETS_PER_ACCOUNT },
  };
}

function resolveWorker(id: string, worker: ParsedWorker, environments: readonly ResolvedEnvironment[]): ResolvedWorker {
  const name = worker.name ?? id;
  const pairs: [string, string][] = Array.isArray(worker.secrets)
    ? worker.secrets.map((secret) => [secret, secret])
    : Object.entries(worker.secrets ?? {});
  return {
    id,
    dir: worker.dir ?? `apps/${id}`,
    configFile: `wrangler-${id}.toml`,
    envTypesFile: ENV_TYPES_FILE,
    main: worker.main,
    compatibilityDate: worker.compatibilityDate,
    compatibilityFlags: worker.compatibilityFlags ?? [],
    environments: environments.map((env): ResolvedWorkerEnvironment => {
      const override = worker.environments?.[env.name];
      const vars = { ...worker.vars, ...override?.vars };
      return {
        environment: env.name,
        isDefault: env.isDefault,
        workerName: override?.name ?? (env.isDefault ? name : `${name}-${env.name}`),
        vars: Object.entries(vars).map(([varName, value]) => ({ name: varName, value })),
        secrets: pairs.map(([binding, secret]): ResolvedBinding => ({
          binding,
          secret,
          storeSecretName: `${env.secretPrefix}${secret}`,
          storeId: env.storeId,
        })),
      };
    }),
  };
}
