import { readdirSync, readFileSync } from "node:fs";

// Linux only: CPU time of the workerd processes this script starts, read from /proc. Throughput
// on a shared two-core machine swings with other load; CPU time per request barely does.

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux.

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Ids of this process's child workerd processes, or [] where /proc does not exist. */
export function childWorkerdPids(): number[] {
  const entries = readProc("/proc/self/stat") === undefined ? [] : readdirSync("/proc");
  return entries
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      const stat = readProc(`/proc/${pid}/stat`);
      const comm = readProc(`/proc/${pid}/comm`);
      return comm?.trim() === "workerd" && stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1] === String(process.pid);
    });
}

/** User plus system CPU milliseconds the process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readProc(`/proc/${pid}/stat`) ?? "";
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** Runs `start` and returns what it started together with the workerd process it spawned, if found. */
export async function withNewWorkerd<T>(start: () => Promise<T>): Promise<{ value: T; pid: number | undefined }> {
  const before = new Set(childWorkerdPids());
  const value = await start();
  return { value, pid: childWorkerdPids().find((pid) => !before.has(pid)) };
}
