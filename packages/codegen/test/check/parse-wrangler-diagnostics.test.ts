// Wrangler's diagnostics text (as its logger prints warnings and as its errors are thrown) split into
// one message per problem, each with the field paths it quotes. Samples are wrangler 4.164's output.
import { describe, expect, it } from "vitest";
import { parseWranglerDiagnostics } from "../../src/check/parse-wrangler-diagnostics.ts";
import { planWranglerIssues } from "../../src/check/plan-wrangler-issues.ts";
import { validateManifest } from "../../src/manifest/validate.ts";
import { OPTIONS, validManifest } from "../manifest/valid-manifest.ts";

const WARNING = [
  "\u001b[33m▲ \u001b[43;33m[\u001b[43;30mWARNING\u001b[43;33m]\u001b[0m \u001b[1mProcessing wrangler.json configuration:\u001b[0m",
  "",
  "  ",
  '    - "env.staging" environment configuration',
  '      - The following vars exist at the top level, but not on "env.staging.vars".',
  '        This is probably not what you want, since "vars" configuration is not inherited by environments.',
  '        Please add these vars to "env.staging.vars":',
  "        - A",
  '      - "ai" exists at the top level, but not on "env.staging".',
  '        This is not what you probably want, since "ai" is not inherited by environments.',
  '    - Unexpected fields found in top-level field: "kv_namespace"',
  "",
].join("\n");

const ERROR = [
  "Processing apps/web/wrangler-web.toml configuration:",
  '  - "env.production" environment configuration',
  '    - Expected "routes" to be an array of either strings or objects with the shape { pattern, custom_domain }, but these weren\'t valid: [',
  "        {",
  '          "patern": "x"',
  "        }",
  "      ].",
  '    - "kv_namespaces[0]" bindings should have a string "id" field but got {"binding":"KV"}.',
].join("\n");

describe("parseWranglerDiagnostics", () => {
  it("gives one message per leaf of the printed warning tree, with the paths it quotes", () => {
    const parsed = parseWranglerDiagnostics(WARNING, "warning");
    expect(parsed.map((d) => d.message)).toEqual([
      'The following vars exist at the top level, but not on "env.staging.vars". This is probably not what you want, since "vars" configuration is not inherited by environments. Please add these vars to "env.staging.vars": - A',
      '"ai" exists at the top level, but not on "env.staging". This is not what you probably want, since "ai" is not inherited by environments.',
      'Unexpected fields found in top-level field: "kv_namespace"',
    ]);
    expect(parsed.map((d) => d.fields[0])).toEqual([["vars"], ["ai"], ["kv_namespace"]]);
    expect(parsed.every((d) => d.severity === "warning")).toBe(true);
  });

  it("reads thrown errors, with indices in field paths", () => {
    const parsed = parseWranglerDiagnostics(ERROR, "error");
    expect(parsed).toHaveLength(2);
    expect(parsed[0]!.fields[0]).toEqual(["routes"]);
    expect(parsed[1]!.fields[0]).toEqual(["kv_namespaces", 0]);
  });
});

describe("planWranglerIssues", () => {
  it("reports a field at the manifest key that set it: the environment's override, else the worker", () => {
    const input = validManifest();
    input.workers["openai"]!.kv_namespaces = [{ binding: "KV", id: "k" }];
    input.workers["openai"]!.environments = { staging: { kv_namespaces: [{ binding: "KV" }] } };
    const result = validateManifest(input, OPTIONS);
    if (!result.ok) throw new Error("fixture invalid");
    const worker = result.manifest.workers[0]!;
    const diagnostics = parseWranglerDiagnostics(ERROR, "error");
    const at = (environment: string) =>
      planWranglerIssues({ worker, environment, defaultEnvironment: "production", configPath: "apps/openai/wrangler-openai.toml", diagnostics, input }).map((issue) => issue.path.join("."));
    expect(at("staging")).toEqual(["workers.openai", "workers.openai.environments.staging.kv_namespaces.0"]);
    expect(at("production")).toEqual(["workers.openai", "workers.openai.kv_namespaces.0"]);
  });

  it("reports account_id at the worker's own accountId where it sets one, else at the environment's", () => {
    const input = validManifest();
    input.workers["openai"]!.environments = { staging: { accountId: "0123456789abcdef0123456789abcdef" } };
    const result = validateManifest(input, OPTIONS);
    if (!result.ok) throw new Error("fixture invalid");
    const worker = result.manifest.workers[0]!;
    const diagnostics = [{ severity: "warning" as const, message: 'Expected "account_id" to be a string', fields: [["account_id"]] }];
    const at = (environment: string) =>
      planWranglerIssues({ worker, environment, defaultEnvironment: "production", configPath: "apps/openai/wrangler-openai.toml", diagnostics, input }).map((issue) => issue.path.join("."));
    expect(at("staging")).toEqual(["workers.openai.environments.staging.accountId"]);
    expect(at("production")).toEqual(["environments.production.accountId"]);
  });
});
