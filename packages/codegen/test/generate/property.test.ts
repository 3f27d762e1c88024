// Property tests over random manifests in the resolved shape: whatever the names and values, the
// TOML parses back to the model and the env types declare every binding and var.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { expect, test } from "vitest";
import { renderWranglerToml } from "../../src/generate/render-wrangler-config.ts";
import { renderEnvTypes } from "../../src/generate/env-types.ts";
import { renderProvisionScript } from "../../src/generate/provision-script.ts";
import { quoteBash, quoteNativeArgument, quotePowerShell } from "../../src/generate/shell-quote.ts";
import { storeComment } from "../../src/provision/store-comment.ts";
import { toPascalCase } from "../../src/manifest/names.ts";
import { expectConfigMatchesWorker, expectEnvTypesMatchWorker } from "./expect-model.ts";
import type { VarValue } from "../../src/manifest/define.ts";
import type { ResolvedEnvironment, ResolvedManifest, ResolvedWorker } from "../../src/manifest/model.ts";

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const identifier = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,12}$/);
const varValue: fc.Arbitrary<VarValue> = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary-ascii", maxLength: 30 }),
  fc.integer(),
  // TOML has no negative zero; the validator's model may hold one, and wrangler would read 0.
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.boolean(),
);

const environmentsArb = fc
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { minLength: 1, maxLength: 4, selector: toPascalCase })
  .chain((names) =>
    fc.tuple(
      ...names.map((name, i) =>
        fc.record({ accountId: hex32, storeId: hex32, secretPrefix: fc.stringMatching(/^[A-Z0-9_-]{0,8}$/) }).map(
          (env): ResolvedEnvironment => ({ name, isDefault: i === 0, ...env }),
        ),
      ),
    ),
  );

function workerArb(id: string, environments: readonly ResolvedEnvironment[], secrets: readonly string[]): fc.Arbitrary<ResolvedWorker> {
  return fc
    .record({
      // One pool of names, split into bindings and vars, so that the two never collide (wrangler forbids it).
      names: fc.uniqueArray(identifier, { maxLength: 8 }),
      split: fc.nat(8),
      secretPicks: fc.array(fc.constantFrom(...secrets), { maxLength: 8 }),
      varsPerEnv: fc.array(fc.array(varValue, { minLength: 8, maxLength: 8 }), { minLength: environments.length, maxLength: environments.length }),
      presence: fc.array(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), { minLength: environments.length, maxLength: environments.length }),
      bindingPresence: fc.array(fc.boolean(), { minLength: environments.length, maxLength: environments.length }),
      workerNames: fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,20}[a-z0-9])?$/), { minLength: environments.length, maxLength: environments.length }),
      flags: fc.subarray(["nodejs_compat", "no_global_navigator"]),
      main: fc.constantFrom("src/index.ts", "src/worker.js"),
    })
    .map((w): ResolvedWorker => {
      const split = Math.min(w.split, w.names.length);
      const bindingNames = w.names.slice(0, split);
      const varNames = w.names.slice(split);
      return {
        id,
        dir: `apps/${id}`,
        configFile: `wrangler-${id}.toml`,
        configFormat: "toml",
        envTypesFile: "src/env.generated.ts",
        main: w.main,
        compatibilityDate: "2026-08-01",
        compatibilityFlags: w.flags,
        topLevelSettings: {},
        environments: environments.map((env, e) => {
          const vars = varNames.filter((_, v) => w.presence[e]![v]).map((name, v) => ({ name, value: w.varsPerEnv[e]![v]! }));
          // Bindings may be missing from an environment, so the aggregate's optional members get exercised.
          const bindings = (env.isDefault || w.bindingPresence[e] ? bindingNames : []).map((binding, b) => {
            const secret = w.secretPicks[b] ?? secrets[0]!;
            return { binding, secret, storeSecretName: `${env.secretPrefix}${secret}`, storeId: env.storeId! };
          });
          return {
            environment: env.name,
            isDefault: env.isDefault,
            workerName: w.workerNames[e]!,
            accountId: env.accountId,
            vars,
            secrets: bindings,
            config: {
              name: w.workerNames[e]!,
              main: w.main,
              compatibility_date: "2026-08-01",
              ...(w.flags.length > 0 ? { compatibility_flags: w.flags } : {}),
              account_id: env.accountId,
              ...(vars.length > 0 ? { vars: Object.fromEntries(vars.map((v) => [v.name, v.value])) } : {}),
              ...(bindings.length > 0
                ? { secrets_store_secrets: bindings.map((b) => ({ binding: b.binding, store_id: b.storeId, secret_name: b.storeSecretName })) }
                : {}),
            },
          };
        }),
      };
    });
}

const manifestArb: fc.Arbitrary<ResolvedManifest> = fc
  .record({
    environments: environmentsArb,
    secrets: fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,12}$/), { minLength: 1, maxLength: 5 }),
    ids: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { minLength: 1, maxLength: 3 }),
    descriptions: fc.array(fc.option(fc.string({ unit: "grapheme", maxLength: 40 }), { nil: undefined }), { minLength: 5, maxLength: 5 }),
  })
  .chain(({ environments, secrets, ids, descriptions }) =>
    fc.tuple(...ids.map((id) => workerArb(id, environments, secrets))).map(
      (workers): ResolvedManifest => ({
        manifestPath: "secrets.manifest.ts",
        defaultEnvironment: environments[0]!.name,
        environments,
        secrets: secrets.map((name, i) => ({
          name,
          description: descriptions[i],
          scopes: ["workers"],
          rotateEveryDays: undefined,
          storeNames: Object.fromEntries(environments.map((env) => [env.name, `${env.secretPrefix}${name}`])),
          boundBy: workers.filter((w) => w.environments.some((e) => e.secrets.some((b) => b.secret === name))).map((w) => w.id),
        })),
        workers,
        provisionDir: "provision",
        limits: { secretsPerAccount: 100 },
      }),
    ),
  );

test("TOML parses back to the model and env types declare every binding, for any manifest", () => {
  fc.assert(
    fc.property(manifestArb, (manifest) => {
      for (const worker of manifest.workers) {
        expectConfigMatchesWorker(renderWranglerToml(worker, manifest), worker);
        expectEnvTypesMatchWorker(renderEnvTypes(worker, manifest), worker);
      }
    }),
    { numRuns: 150 },
  );
});

test("provisioning scripts parse, never carry a value flag and quote every description", () => {
  for (const manifest of fc.sample(manifestArb, 15)) {
    for (const env of manifest.environments) {
      for (const target of ["remote", "local"] as const) {
        const bash = renderProvisionScript({ manifest, environment: env.name, shell: "bash", target });
        const powershell = renderProvisionScript({ manifest, environment: env.name, shell: "powershell", target });
        execFileSync("bash", ["-n"], { input: bash });
        for (const text of [bash, powershell]) expect(text).not.toMatch(/--value\b/); // `--values-from` is the CLI's option, named in a message
        if (target === "local") continue;
        for (const secret of manifest.secrets) {
          const comment = storeComment(secret.description, env.name);
          expect(bash).toContain(quoteBash(comment));
          expect(powershell).toContain(quotePowerShell(quoteNativeArgument(`--comment=${comment}`)));
        }
      }
    }
  }
});
