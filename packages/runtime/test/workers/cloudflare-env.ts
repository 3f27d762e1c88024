// Types `env` and `exports` from `cloudflare:workers` in the runtime's own tests.
import type { FixtureEnv } from "./fixture-env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends FixtureEnv {}
    interface GlobalProps {
      mainModule: typeof import("./fixture-worker.ts");
    }
  }
}
