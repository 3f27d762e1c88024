// A Worker entry module exporting every class its configs bind locally (Durable Objects, workflows,
// entrypoints of service bindings to itself), so that `wrangler types` finds them and references
// them by import, as it does for a real Worker.
type Config = Readonly<Record<string, unknown>>;

export function stubEntry(configs: readonly Config[], main: string): string {
  const topName = configs[0]?.["name"];
  const durableObjects = new Set<string>();
  const workflows = new Set<string>();
  const entrypoints = new Set<string>();
  for (const config of configs) {
    for (const b of list((config["durable_objects"] as { bindings?: unknown } | undefined)?.bindings)) {
      if (b["script_name"] === undefined) durableObjects.add(String(b["class_name"]));
    }
    for (const b of list(config["workflows"])) if (b["script_name"] === undefined) workflows.add(String(b["class_name"]));
    for (const b of list(config["services"])) if (b["service"] === topName && typeof b["entrypoint"] === "string") entrypoints.add(b["entrypoint"]);
  }
  const typed = /\.(?:ts|tsx|mts|cts)$/.test(main);
  const lines = [
    typed
      ? 'import { DurableObject, WorkerEntrypoint, WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";'
      : 'import { DurableObject, WorkerEntrypoint, WorkflowEntrypoint } from "cloudflare:workers";',
  ];
  for (const name of durableObjects) lines.push(`export class ${name} extends DurableObject {}`);
  for (const name of entrypoints) lines.push(`export class ${name} extends WorkerEntrypoint {}`);
  for (const name of workflows) {
    lines.push(`export class ${name} extends WorkflowEntrypoint {`, `  async run(${typed ? "_event: WorkflowEvent<{ id: string }>, _step: WorkflowStep" : "_event, _step"}) {}`, "}");
  }
  lines.push('export default { fetch() { return new Response("ok"); } };');
  return `${lines.join("\n")}\n`;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}
