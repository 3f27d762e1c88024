// The binding table and the members it gives one environment: the rules that depend on more than a
// type name (class references, service self-bindings, vars, repeated names), and a tripwire that
// fails when Wrangler's type generation reads a field the table does not list (or the reverse).
// Whether each row's type is Wrangler's is env-types-oracle.test.ts's job.
import { readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BINDING_KINDS, type TypeContext } from "../../src/generate/binding-kinds.ts";
import { renderEnvMembers } from "../../src/generate/env-members.ts";
import { environmentInterfaceName, renderEnvTypes } from "../../src/generate/env-types.ts";
import { PACKAGE_DIR } from "./support.ts";

const CONTEXT: TypeContext = { mainModule: "./index.ts", topLevelName: "catalog" };
const typesOf = (config: Record<string, unknown>, context = CONTEXT): Record<string, string> =>
  Object.fromEntries(renderEnvMembers(config, context).map((member) => [member.name, member.type]));

describe("members of one environment", () => {
  test("classes of this Worker are imported from its main module; other Workers' are named in a comment", () => {
    const types = typesOf({
      durable_objects: { bindings: [{ name: "CART", class_name: "Cart" }, { name: "STOCK", class_name: "Stock", script_name: "inventory" }] },
      workflows: [{ binding: "REINDEX", name: "r", class_name: "Reindex" }, { binding: "EXPORT", name: "e", class_name: "Export", script_name: "exporter" }],
    });
    expect(types).toEqual({
      CART: 'DurableObjectNamespace<import("./index.ts").Cart>',
      STOCK: "DurableObjectNamespace /* Stock from inventory */",
      REINDEX: `Workflow<Parameters<import("./index.ts").Reindex['run']>[0]['payload']>`,
      EXPORT: "Workflow /* Export from exporter */",
    });
  });

  test("a service binding to the Worker itself is typed by its own export; others are Fetcher or Service", () => {
    const types = typesOf({
      services: [
        { binding: "SELF", service: "catalog" },
        { binding: "ADMIN", service: "catalog", entrypoint: "AdminApi" },
        { binding: "AUTH", service: "auth" },
        { binding: "BILLING", service: "billing", entrypoint: "BillingApi" },
      ],
    });
    expect(types).toEqual({
      SELF: 'Service<typeof import("./index.ts").default>',
      ADMIN: 'Service<typeof import("./index.ts").AdminApi>',
      AUTH: "Fetcher /* auth */",
      BILLING: "Service /* entrypoint BillingApi from billing */",
    });
  });

  test("names from the config cannot break out of the comment or the import", () => {
    const types = typesOf({
      durable_objects: { bindings: [{ name: "ODD", class_name: "Not-An-Identifier" }] },
      services: [{ binding: "EVIL", service: "x */ any; /*" }],
    });
    expect(types).toEqual({ ODD: "DurableObjectNamespace /* Not-An-Identifier */", EVIL: "Fetcher /* x * / any; /* */" });
  });

  test("vars are typed by their JSON text; a nameless entry or a repeated name is written once at most", () => {
    const members = renderEnvMembers(
      {
        kv_namespaces: [{ binding: "CACHE", id: "a" }, { id: "nameless" }, { binding: "CACHE", id: "b" }],
        vars: { MODE: "live", LIMIT: 3, ON: true, LIST: ["a", 1], OBJ: { nested: null } },
      },
      CONTEXT,
    );
    expect(members.map((member) => [member.name, member.type])).toEqual([
      ["CACHE", "KVNamespace"],
      ["MODE", '"live"'],
      ["LIMIT", "3"],
      ["ON", "true"],
      ["LIST", '["a",1]'],
      ["OBJ", '{"nested":null}'],
    ]);
  });

  test("a required per-Worker secret is a string, and wins over a var of the same name", () => {
    expect(typesOf({ vars: { TOKEN: "x", MODE: "a" }, secrets: { required: ["TOKEN"] } })).toEqual({ TOKEN: "string", MODE: '"a"' });
  });

  test("wrangler's fixed names and per-entry kinds: log forwarding, unsafe bindings", () => {
    expect(
      typesOf({
        logfwdr: { bindings: [{ name: "A", destination: "a" }, { name: "B", destination: "b" }] },
        unsafe: { bindings: [{ name: "L", type: "ratelimit" }, { name: "S", type: "service" }, { name: "O", type: "other" }] },
      }),
    ).toEqual({ LOGFWDR_SCHEMA: "any", L: "RateLimit", S: "Fetcher", O: "any" });
  });
});

describe("the env types file", () => {
  const worker = (main: string, envTypesFile = "src/env.generated.ts") => ({
    id: "catalog",
    dir: "services/catalog",
    configFile: "wrangler.jsonc",
    envTypesFile,
    main,
    environments: [
      { environment: "production", isDefault: true, workerName: "catalog", config: { name: "catalog", durable_objects: { bindings: [{ name: "C", class_name: "Cart" }] } } },
      { environment: "dev-env", isDefault: false, workerName: "catalog-dev", config: { name: "catalog-dev", main: "src/dev.ts", ai: { binding: "AI" } } },
    ],
  });

  test("imports the main module relative to itself, extension kept, each environment its own main", () => {
    const text = renderEnvTypes(worker("worker/index.ts"), { manifestPath: "secrets.manifest.ts" });
    expect(text).toContain('readonly C: DurableObjectNamespace<import("../worker/index.ts").Cart>;');
    expect(renderEnvTypes(worker("./src/index.mts", "env.generated.ts"), { manifestPath: "m.ts" })).toContain('import("./src/index.mts").Cart');
  });

  test("names the classes in a comment when main is a build output, which need not exist when the code is type-checked", () => {
    // As `wrangler types` does before the build (it cannot read the entry's exports); an import of
    // ../dist/index.js would fail tsc with "Cannot find module" in a fresh checkout or CI.
    for (const main of ["dist/index.js", "./dist/worker.mjs", ".output/server/index.mjs", ".svelte-kit/cloudflare/_worker.js", "build/worker/shim.mjs"]) {
      const text = renderEnvTypes(worker(main), { manifestPath: "secrets.manifest.ts" });
      expect(text, main).toContain("readonly C: DurableObjectNamespace /* Cart */;");
      expect(text, main).not.toContain("import(");
    }
    expect(renderEnvTypes(worker("src/distribute.ts"), { manifestPath: "m.ts" })).toContain('import("./distribute.ts").Cart');
  });

  test("imports nothing, and names environments as wrangler types does", () => {
    const text = renderEnvTypes(worker("src/index.ts"), { manifestPath: "secrets.manifest.ts" });
    expect(text).not.toMatch(/^import /m);
    expect(text).toContain("export interface DevEnv {");
    expect(text).toContain("readonly C?: DurableObjectNamespace<");
    expect(text).toContain("readonly AI?: Ai;");
    expect(environmentInterfaceName("eu-west")).toBe("EuWestEnv");
    expect(environmentInterfaceName("preview_env")).toBe("PreviewEnv");
  });
});

describe("the table against Wrangler's type generation", () => {
  test("lists exactly the fields wrangler types 4.164 reads per environment", async () => {
    const wrangler = await realpath(join(PACKAGE_DIR, "node_modules/wrangler"));
    const source = await readFile(join(wrangler, "wrangler-dist/cli.js"), "utf8");
    const collectors = [...source.matchAll(/\nfunction (collect\w+PerEnvironment)\(args\) \{/g)].map((match) => ({
      name: match[1]!,
      body: source.slice(match.index, source.indexOf("\n}\n", match.index)),
    }));
    expect(collectors.map((collector) => collector.name).sort()).toEqual([
      "collectCoreBindingsPerEnvironment",
      "collectDurableObjectsPerEnvironment",
      "collectPipelinesPerEnvironment",
      "collectServicesPerEnvironment",
      "collectUnsafeBindingsPerEnvironment",
      "collectVarsPerEnvironment",
      "collectWorkflowsPerEnvironment",
    ]);
    const fields = new Set<string>();
    for (const { body } of collectors) {
      // env6.kv_namespaces, env6.queues?.producers, env6.browser.binding (the entry's name, not a field)
      for (const match of body.matchAll(/env6\??\.([a-z0-9_]+)(?:\??\.([a-z_]+)(?![\w(]))?/g)) {
        fields.add(match[2] === undefined || match[2] === "binding" ? match[1]! : `${match[1]}.${match[2]}`);
      }
    }
    // Per-Worker secrets are read in generateEnvTypes itself.
    if (/envConfig\.secrets\?\.required/.test(source)) fields.add("secrets.required");
    expect(BINDING_KINDS.map((kind) => kind.field).sort()).toEqual([...fields].sort());
  });
});
