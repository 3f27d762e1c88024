import { afterEach, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { copyBundledManifest, makeSandbox, removeSandbox, startCli } from "../helpers/sandbox.ts";

let dir: string | undefined;
afterEach(() => dir && removeSandbox(dir));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(50);
  }
}

it("--watch regenerates when the manifest changes", async () => {
  dir = makeSandbox("watch");
  const manifest = copyBundledManifest(dir);
  const child = startCli(["generate", "--watch"], { cwd: dir });
  try {
    const toml = join(dir, "apps/elevenlabs/wrangler-elevenlabs.toml");
    await until(() => existsSync(toml), 15_000);
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/    elevenlabs: .*\n/, ""));
    await until(() => !existsSync(toml), 15_000);
    expect(existsSync(join(dir, "apps/openai/wrangler-openai.toml"))).toBe(true);
  } finally {
    child.kill("SIGINT");
    await new Promise((resolve) => child.once("exit", resolve));
  }
});
