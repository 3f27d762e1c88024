// Types `env` and `exports` from `cloudflare:workers` in this app's tests.
import type { Env as GeneratedEnv } from "../../src/env.generated.ts";

declare global {
  namespace Cloudflare {
    interface Env extends GeneratedEnv {}
    interface GlobalProps {
      mainModule: typeof import("../../src/index.ts");
    }
  }
}
