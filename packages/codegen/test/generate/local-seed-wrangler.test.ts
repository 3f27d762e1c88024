// The local seeding script with the REAL wrangler, then `wrangler dev` reading the seeded values:
// proves the persist folder the script writes is the one `wrangler dev -c <app>/<config>` reads.
import { spawn } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { renderAll } from "../../src/generate/render-all.ts";
import { BIN, FIXTURES, loadFixture, makeTempDir, writeFiles } from "./support.ts";
import { runScript } from "./fake-wrangler.ts";

const WRANGLER_ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_HIDE_BANNER: "true", CI: "true", NO_COLOR: "1" };
let root = "";

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

async function fetchWhenReady(url: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return await response.text();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer on ${url}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}

test("staging.local.sh seeds the store that `wrangler dev --env staging` reads", async () => {
  const manifest = await loadFixture(FIXTURES.find((fixture) => fixture.name === "renamed-bindings")!);
  root = await makeTempDir("local-seed");
  await writeFiles(root, renderAll(manifest));
  const chat = manifest.workers.find((worker) => worker.id === "chat-api")!;
  await mkdir(join(root, chat.dir, "src"), { recursive: true });
  await writeFile(
    join(root, chat.dir, chat.main),
    "export default { async fetch(_request, env) { return Response.json({ OPENAI: await env.OPENAI.get(), DB: await env.DB.get() }); } };\n",
  );

  const values = manifest.secrets.map((secret) => `local ${secret.name} 'value' $x`);
  const seeded = await runScript({
    script: join(root, "tools/provision/staging.local.sh"),
    cwd: root,
    input: values.map((value) => `${value}\n`).join(""),
    env: { ...WRANGLER_ENV, WRANGLER: BIN("wrangler") },
  });
  expect(seeded.code, seeded.stderr).toBe(0);
  expect(seeded.stdout).toContain(`+ OPENAI_API_KEY -> ${chat.dir}/.wrangler/state`);

  const port = await freePort();
  const config = `${chat.dir}/${chat.configFile}`;
  const dev = spawn(BIN("wrangler"), ["dev", "-c", config, "--env", "staging", "--ip", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    env: WRANGLER_ENV,
    stdio: "ignore",
    detached: true,
  });
  try {
    const body = JSON.parse(await fetchWhenReady(`http://127.0.0.1:${port}/`, 60_000)) as Record<string, string>;
    const valueOf = (name: string): string => values[manifest.secrets.findIndex((secret) => secret.name === name)]!;
    expect(body).toEqual({ OPENAI: valueOf("OPENAI_API_KEY"), DB: valueOf("DATABASE_URL") });
  } finally {
    // Stop the dev server and the workerd processes it started: the group this test created.
    if (dev.pid !== undefined && dev.exitCode === null) {
      const exited = new Promise((resolveExit) => dev.once("exit", resolveExit));
      process.kill(-dev.pid, "SIGTERM");
      const timer = setTimeout(() => {
        try {
          process.kill(-dev.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
  }
});
