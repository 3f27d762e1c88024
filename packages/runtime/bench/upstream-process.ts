// Runs the stand-in gateway in its own process, so the load generator and the upstream do not
// share one event loop. Prints the origin on stdout, stops when its stdin closes.
import { startHttpStandInGateway } from "../src/testing/http-stand-in-gateway.ts";

const gateway = await startHttpStandInGateway({ record: false });
process.stdout.write(`${gateway.origin}\n`);
process.stdin.resume();
process.stdin.on("end", () => void gateway.close().then(() => process.exit(0)));
