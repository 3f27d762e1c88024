// Names every platform can use, and compatibility dates that are not in the future.
import { describe, expect, it } from "vitest";
import { validateManifest } from "../../src/manifest/validate.ts";
import { validManifest } from "./valid-manifest.ts";

const NO_RUNTIME = { manifestPath: "secrets.manifest.ts" } as const;

function errorsOf(manifest: ReturnType<typeof validManifest>, options: Parameters<typeof validateManifest>[1] = NO_RUNTIME) {
  const result = validateManifest(manifest, options);
  return result.ok ? [] : result.errors;
}

describe("compatibility dates after today", () => {
  it("are rejected even when no Workers runtime is installed next to the manifest", () => {
    const manifest = validManifest();
    manifest.workers["openai"]!.compatibilityDate = "2026-11-30";
    const errors = errorsOf(manifest, { ...NO_RUNTIME, today: "2026-11-29" });
    expect(errors).toContainEqual(expect.objectContaining({ code: "compatibility-date-in-future", path: ["workers", "openai", "compatibilityDate"], fix: "set it to 2026-11-29 or earlier" }));
    expect(errorsOf(manifest, { ...NO_RUNTIME, today: "2026-11-30" })).toEqual([]);
  });

  it("are rejected in a worker's environment settings too", () => {
    const manifest = validManifest();
    manifest.workers["openai"]!["environments"] = { staging: { compatibilityDate: "2026-11-30" } };
    const errors = errorsOf(manifest, { ...NO_RUNTIME, today: "2026-11-29" });
    expect(errors).toContainEqual(
      expect.objectContaining({ code: "compatibility-date-in-future", path: ["workers", "openai", "environments", "staging", "compatibilityDate"], fix: "set it to 2026-11-29 or earlier" }),
    );
  });

  it("uses today's UTC date when none is given", () => {
    const manifest = validManifest();
    manifest.workers["openai"]!.compatibilityDate = "2999-01-01";
    expect(errorsOf(manifest).map((e) => e.code)).toContain("compatibility-date-in-future");
  });

  it("still checks the installed runtime's limit", () => {
    const manifest = validManifest();
    manifest.workers["openai"]!.compatibilityDate = "2026-09-01";
    const codes = errorsOf(manifest, { ...NO_RUNTIME, today: "2026-11-29", maxCompatibilityDate: { date: "2026-08-06", source: "workerd" } }).map((e) => e.code);
    expect(codes).toEqual(["compatibility-date-too-new"]);
  });
});

describe("folder names Windows and macOS can hold", () => {
  it.each(["con", "nul", "aux", "prn", "com1", "lpt9"])("rejects the app id %s (it names the folder apps/<id>)", (id) => {
    const manifest = validManifest();
    manifest.workers[id] = { ...manifest.workers["openai"], name: `x-${id}` };
    expect(errorsOf(manifest)).toContainEqual(expect.objectContaining({ code: "not-portable-name", path: ["workers", id] }));
  });

  it.each(["apps/CON", "apps/Nul.txt", "apps/openai.", "services/lpt1/api", "apps/com9.backup"])("rejects the folder %s", (dir) => {
    const manifest = validManifest();
    manifest.workers["openai"]!.dir = dir;
    const error = errorsOf(manifest).find((e) => e.code === "not-portable-name");
    expect(error).toMatchObject({ path: ["workers", "openai", "dir"] });
    expect(error!.fix).toMatch(/pick another folder name/);
  });

  it.each([
    ["configFile", "con.toml"],
    ["configFile", "NUL.jsonc"],
    ["envTypesFile", "src/aux.ts"],
    ["envTypesFile", "types./env.generated.ts"],
  ])("rejects the generated file name %s %s", (field, value) => {
    const manifest = validManifest();
    (manifest.workers["openai"] as Record<string, unknown>)[field] = value;
    expect(errorsOf(manifest)).toContainEqual(expect.objectContaining({ code: "not-portable-name", path: ["workers", "openai", field] }));
  });

  it("rejects a reserved provisioning folder and environment name", () => {
    const manifest = validManifest();
    manifest["provisionDir"] = "tools/aux";
    manifest.environments["nul"] = { ...manifest.environments["staging"], secretPrefix: "NUL_" };
    const paths = errorsOf(manifest).filter((e) => e.code === "not-portable-name").map((e) => e.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["provisionDir", "environments.nul"]));
  });

  it("rejects app folders that differ only by case", () => {
    const manifest = validManifest();
    manifest.workers["other"] = { ...manifest.workers["openai"], name: "other", dir: "apps/OpenAI" };
    manifest.workers["openai"]!.dir = "apps/openai";
    expect(errorsOf(manifest)).toContainEqual(expect.objectContaining({ code: "dir-case-collision", path: ["workers", "other", "dir"] }));
  });

  it("accepts names that only contain a reserved word", () => {
    const manifest = validManifest();
    manifest.workers["console"] = { ...manifest.workers["openai"], name: "console", dir: "apps/com10" };
    manifest.workers["nullable"] = { ...manifest.workers["openai"], name: "nullable" };
    expect(errorsOf(manifest)).toEqual([]);
  });
});
