import { describe, expect, it } from "vitest";
import { regenerateCommand } from "../../src/cli/regenerate-command.ts";

describe("regenerateCommand: what a stale --check tells the person to run", () => {
  it.each([
    ["npm/10.9.2 node/v24.21.0 linux x64 workspaces/false", "npx secrets-manifest generate"],
    ["pnpm/12.4.2 npm/? node/v24.21.0 linux x64", "pnpm exec secrets-manifest generate"],
    ["yarn/4.9.1 npm/? node/v24.21.0 linux x64", "yarn secrets-manifest generate"],
    ["bun/1.3.0 npm/? node/v24.21.0 linux x64", "bunx secrets-manifest generate"],
    [undefined, "npx secrets-manifest generate"],
  ])("run from %s: %s", (agent, expected) => {
    expect(regenerateCommand({}, agent === undefined ? {} : { npm_config_user_agent: agent })).toBe(expected);
  });

  it("keeps --manifest and --root, quoting a path only when a shell would misread it", () => {
    const env = { npm_config_user_agent: "npm/10.9.2 node/v24.21.0" };
    expect(regenerateCommand({ manifest: "config/secrets.manifest.ts", root: "../fleet" }, env)).toBe(
      "npx secrets-manifest generate --manifest config/secrets.manifest.ts --root ../fleet",
    );
    expect(regenerateCommand({ manifest: "my config/it's.ts" }, env)).toBe("npx secrets-manifest generate --manifest 'my config/it'\\''s.ts'");
  });
});
