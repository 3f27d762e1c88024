// Hostile names never reach a renderer: validation rejects them, naming where they were found.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { validateManifest } from "../../src/manifest/validate.ts";
import { OPTIONS, validManifest } from "./valid-manifest.ts";

const HOSTILE = ["'", '"', "\n", "\r", "$(id)", "`id`", "${HOME}", "..", "../", "/", "\\", " ", ";", "&&", "|", "é", "名", "💥", "\u0000", "\u202e", "#", "=", "[", "]"];

/** A plausible name with one hostile fragment spliced in. */
const hostileName = fc
  .tuple(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,10}$/), fc.constantFrom(...HOSTILE), fc.nat())
  .map(([base, fragment, at]) => {
    const i = at % (base.length + 1);
    return base.slice(0, i) + fragment + base.slice(i);
  });

type Placement = (m: ReturnType<typeof validManifest>, name: string) => void;

const placements: Record<string, Placement> = {
  "secret name": (m, name) => {
    m.secrets[name] = { description: "x" };
    m.workers["openai"]!.secrets = ["OPENAI_API_KEY", "AI_GATEWAY_ID", name];
  },
  "binding name": (m, name) => {
    m.workers["openai"]!.secrets = { [name]: "OPENAI_API_KEY", AI_GATEWAY_ID: "AI_GATEWAY_ID" };
  },
  "var name": (m, name) => {
    m.workers["openai"]!.vars = { [name]: "x" };
  },
  "app id": (m, name) => {
    m.workers[name.toLowerCase()] = { ...m.workers["openai"], name: "other" };
  },
  "worker name": (m, name) => {
    m.workers["openai"]!.name = name.toLowerCase();
  },
  "environment name": (m, name) => {
    m.environments[name.toLowerCase()] = { ...m.environments["staging"], secretPrefix: "X_" };
  },
  "secret prefix": (m, name) => {
    m.environments["staging"]!.secretPrefix = name;
  },
  "app folder": (m, name) => {
    m.workers["openai"]!.dir = `apps/${name}`;
  },
};

describe("hostile names are rejected, never rendered", () => {
  for (const [where, place] of Object.entries(placements)) {
    it(`in a ${where}`, () => {
      fc.assert(
        fc.property(hostileName, (name) => {
          // Some fragments are legal in some places ("." inside a folder name, "-" etc.): skip those.
          fc.pre(!(where === "app folder" && /^[A-Za-z0-9._/-]+$/.test(name) && !name.split("/").some((s) => s === ".." || s === "" || s.startsWith("."))));
          const manifest = validManifest();
          place(manifest, name);
          const result = validateManifest(manifest, OPTIONS);
          expect(result.ok, `accepted ${JSON.stringify(name)} as a ${where}`).toBe(false);
        }),
        { numRuns: 200 },
      );
    });
  }

  it.each([
    ["a secret name", (m: ReturnType<typeof validManifest>) => (m.secrets["--remote"] = { description: "x" }), "secrets.--remote"],
    ["a secret name", (m: ReturnType<typeof validManifest>) => (m.secrets["-h"] = { description: "x" }), "secrets.-h"],
    [
      "a bound secret",
      (m: ReturnType<typeof validManifest>) => {
        m.secrets["--value"] = { description: "x" };
        m.workers["openai"]!.secrets = { KEY: "--value" };
      },
      "workers.openai.secrets.KEY",
    ],
    ["a prefix", (m: ReturnType<typeof validManifest>) => (m.environments["staging"]!.secretPrefix = "--remote-"), "environments.staging.secretPrefix"],
  ])("rejects %s that starts with - (wrangler would read it as an option)", (_what, place, path) => {
    const manifest = validManifest();
    place(manifest);
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path.join(".") === path);
    expect(error?.expected, JSON.stringify(result.errors)).toMatch(/not starting with -/);
  });

  it("a prefix that starts with - is one error about the prefix, not one per secret about length", () => {
    const manifest = validManifest();
    manifest.environments["staging"]!.secretPrefix = "--remote-";
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const atPrefix = result.errors.filter((e) => e.path.join(".") === "environments.staging.secretPrefix");
    expect(atPrefix.map((e) => e.code)).toEqual([expect.not.stringMatching(/too-long/)]);
    expect(atPrefix[0]!.expected).toMatch(/not starting with -/);
  });

  it("error output escapes what it received", () => {
    const manifest = validManifest();
    manifest.secrets["A\nB$(id)"] = { description: "x" };
    const result = validateManifest(manifest, OPTIONS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const received = result.errors.map((e) => e.received ?? "").join("|");
    expect(received).toContain('"A\\nB$(id)"');
    expect(received).not.toContain("\n");
  });
});
