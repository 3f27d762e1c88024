import { spawn } from "node:child_process";
import { once } from "node:events";
import { resolve } from "node:path";

export interface Upstream {
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts bench/upstream-process.ts and waits for the origin it listens on. */
export async function startUpstreamProcess(): Promise<Upstream> {
  const child = spawn(process.execPath, [resolve(import.meta.dirname, "upstream-process.ts")], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout, "data")) as [Buffer];
  const origin = chunk.toString().trim();
  return {
    origin,
    close: async () => {
      const exited = once(child, "exit");
      child.stdin.end();
      await exited;
    },
  };
}
