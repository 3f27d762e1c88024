import { readManifest } from "./src/load/read-manifest.ts";
import { validateManifest } from "./src/manifest/validate.ts";
import { renderAll } from "./src/generate/render-all.ts";
import { planWrites } from "./src/write/plan-writes.ts";
import { applyWrites } from "./src/write/apply-writes.ts";
import { rmSync, readdirSync } from "node:fs";
const root = "/work/main/.bench/generate-1000";
for (const e of readdirSync(root)) if (e !== "secrets.manifest.ts") rmSync(root + "/" + e, { recursive: true });
let t = performance.now(); const lap = (l: string) => { console.log(l, Math.round(performance.now() - t)); t = performance.now(); };
const m = await readManifest(root + "/secrets.manifest.ts"); lap("load");
const r = validateManifest(m.input, { manifestPath: "x" }) as any; lap("validate");
const files = renderAll(r.manifest); lap("render");
const plan = planWrites({ root, files, manifest: r.manifest }); lap("plan");
applyWrites(plan); lap("apply");
const plan2 = planWrites({ root, files, manifest: r.manifest }); lap("plan again");
for (const e of readdirSync(root)) if (e !== "secrets.manifest.ts") rmSync(root + "/" + e, { recursive: true });
lap("rm");
const { writeFileSync, mkdirSync, renameSync } = await import("node:fs");
const { dirname, join } = await import("node:path");
for (const f of files) { mkdirSync(dirname(join(root, f.path)), { recursive: true }); writeFileSync(join(root, f.path) + ".tmp", f.contents); renameSync(join(root, f.path) + ".tmp", join(root, f.path)); }
lap("raw tmp+rename");
for (const e of readdirSync(root)) if (e !== "secrets.manifest.ts") rmSync(root + "/" + e, { recursive: true });
lap("rm");
for (const f of files) { mkdirSync(dirname(join(root, f.path)), { recursive: true }); writeFileSync(join(root, f.path), f.contents); }
lap("raw direct");
let total = 0; for (const f of files) total += f.contents.length; console.log("MB", total / 1e6, "largest", Math.max(...files.map(f => f.contents.length)) / 1e6);
