// Rules that keep a manifest usable on every platform and in time: folder and file names Windows
// cannot create, folders that differ only by case (one folder on macOS and Windows), and compatibility
// dates in the future (Cloudflare rejects them at deploy, whatever runtime is installed here).
import { describeValue, type IssuePath, type ManifestIssue } from "./issues.ts";
import { entries, isDict, str, type Dict } from "./rule-input.ts";
import { isRealDate } from "./schema.ts";

export interface PortableContext {
  /** Today in UTC, YYYY-MM-DD; the current date when not given. */
  readonly today?: string;
}

/** CON, PRN, AUX, NUL, COM1-9, LPT1-9: reserved on Windows in any case, with or without an extension. */
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\..*)?$/i;

export function windowsNameProblem(segment: string): string | undefined {
  if (WINDOWS_RESERVED.test(segment)) return `"${segment}" is a reserved device name on Windows`;
  if (/[. ]$/.test(segment)) return `"${segment}" ends with a dot or a space, which Windows drops`;
  return undefined;
}

export function checkPortability(raw: Dict, context: PortableContext): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  const today = context.today ?? new Date().toISOString().slice(0, 10);
  const folders = new Map<string, { dir: string; app: string }>();
  for (const [app, worker] of entries(raw["workers"])) {
    const explicit = str(worker["dir"]);
    const dir = explicit ?? `apps/${app}`;
    const path: IssuePath = explicit === undefined ? ["workers", app] : ["workers", app, "dir"];
    issues.push(...checkFolder(dir, path, explicit === undefined ? `the app id ${app} names its folder` : "app folder"));
    for (const field of ["configFile", "envTypesFile"] as const) {
      const file = str(worker[field]);
      // A leading `./` is a way of writing a relative path, not a folder named `.`.
      if (file !== undefined) issues.push(...checkFolder(file.replace(/^(?:\.\/)+/, ""), ["workers", app, field], `${field === "configFile" ? "config file" : "Env types file"} ${file}`, "pick another file name"));
    }
    const key = dir.toLowerCase();
    const other = folders.get(key);
    if (other !== undefined && other.dir !== dir) {
      issues.push({
        severity: "error",
        code: "dir-case-collision",
        path,
        message: `Workers "${other.app}" and "${app}" use folders that differ only by case (${other.dir}, ${dir}); on macOS and Windows they are one folder.`,
        expected: "app folders that differ by more than case",
        received: describeValue(dir),
        fix: `give workers.${app} a folder of its own (dir)`,
      });
    } else if (other === undefined) folders.set(key, { dir, app });
    issues.push(...checkFutureDates(app, worker, today));
  }
  const provisionDir = str(raw["provisionDir"]);
  if (provisionDir !== undefined) issues.push(...checkFolder(provisionDir, ["provisionDir"], "provisioning folder"));
  // Scripts are named <env>.remote.sh: `con.remote.sh` is as reserved as `con`.
  if (isDict(raw["environments"])) {
    for (const name of Object.keys(raw["environments"])) {
      const problem = windowsNameProblem(name);
      if (problem) issues.push(reserved(["environments", name], name, `${problem}, and it names the provisioning scripts (${name}.remote.sh)`, "rename the environment"));
    }
  }
  return issues;
}

/** The worker's compatibility date and each environment's own, none after today. */
function checkFutureDates(app: string, worker: Dict, today: string): ManifestIssue[] {
  const dates: [unknown, IssuePath][] = [[worker["compatibilityDate"], ["workers", app, "compatibilityDate"]]];
  for (const [env, override] of entries(worker["environments"])) {
    dates.push([override["compatibilityDate"], ["workers", app, "environments", env, "compatibilityDate"]]);
  }
  return dates.flatMap(([value, path]): ManifestIssue[] => {
    const date = str(value);
    if (date === undefined || !isRealDate(date) || date <= today) return [];
    return [
      {
        severity: "error",
        code: "compatibility-date-in-future",
        path,
        message: `compatibility date ${date} is in the future (today is ${today} UTC); Cloudflare rejects it.`,
        expected: `a date no later than ${today}`,
        received: describeValue(date),
        fix: `set it to ${today} or earlier`,
      },
    ];
  });
}

function checkFolder(dir: string, path: IssuePath, what: string, fix = "pick another folder name (e.g. add a suffix: con-api)"): ManifestIssue[] {
  return dir
    .split("/")
    .map((segment) => windowsNameProblem(segment))
    .filter((problem): problem is string => problem !== undefined)
    .map((problem) => reserved(path, dir, `${what}: ${problem}`, fix));
}

function reserved(path: IssuePath, received: string, message: string, fix: string): ManifestIssue {
  return {
    severity: "error",
    code: "not-portable-name",
    path,
    message: `${message[0]!.toUpperCase()}${message.slice(1)}.`,
    expected: "a name every platform can use as a folder or file name",
    received: describeValue(received),
    fix,
  };
}
