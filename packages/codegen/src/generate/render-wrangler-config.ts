// One Wrangler config per worker, in the format its file name asks for: TOML through smol-toml,
// JSON and JSONC through JSON.stringify. Both carry the stamp as comments at the top: Wrangler
// reads `.json` configs with its JSONC parser, so comments are accepted there too.
import { stringify } from "smol-toml";
import { stampFile } from "./header.ts";
import { planWranglerConfig } from "./plan-wrangler-config.ts";
import type { ResolvedManifest, ResolvedWorker } from "../manifest/model.ts";

export function renderWranglerConfig(worker: ResolvedWorker, manifest: ResolvedManifest): string {
  return worker.configFormat === "toml" ? renderWranglerToml(worker, manifest) : renderWranglerJson(worker, manifest);
}

export function renderWranglerToml(worker: ResolvedWorker, manifest: ResolvedManifest): string {
  return stampFile({ body: stringify(planWranglerConfig(worker)), comment: "#", manifestPath: manifest.manifestPath });
}

/** JSONC (also for `.json`), two-space indent. */
export function renderWranglerJson(worker: ResolvedWorker, manifest: ResolvedManifest): string {
  const body = `${JSON.stringify(planWranglerConfig(worker), null, 2)}\n`;
  return stampFile({ body, comment: "//", manifestPath: manifest.manifestPath });
}
