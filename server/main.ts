/** `npm start`: build the client if needed, then serve the game on one port. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLIENT_DIST, configFromEnv, startServer } from "./app";

const config = configFromEnv();
if (!existsSync(join(CLIENT_DIST, "index.html")) && existsSync(new URL("../client/build.ts", import.meta.url))) {
  const { buildClient } = await import("../client/build");
  await buildClient();
}
const running = await startServer(config);
console.log(`CSTO Summit listening on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${running.port} (data in ${config.dataDir})`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void running.close().finally(() => process.exit(0));
  });
}
