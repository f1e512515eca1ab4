/** `npm start`: build the client if needed, then serve the game on one port. Logs are JSON lines on stdout (server/log.ts). */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CLIENT_DIST, configFromEnv, startServer } from "./app";
import { bootMark, log, routeConsole } from "./log";

bootMark("modules loaded");
routeConsole();
// A bug that escapes every handler is logged (scrubbed, see log.ts) before the process ends as Node would end it.
process.on("uncaughtException", (err, origin) => {
  log.fatal({ err, origin }, "uncaught exception: the server stops");
  process.exit(1);
});
process.on("unhandledRejection", (err) => {
  log.fatal({ err }, "unhandled rejection: the server stops");
  process.exit(1);
});

const config = configFromEnv();
if (!existsSync(join(CLIENT_DIST, "index.html")) && existsSync(new URL("../client/build.ts", import.meta.url))) {
  const { buildClient } = await import("../client/build");
  await buildClient();
}
const running = await startServer(config);
log.info({ port: running.port, dataDir: config.dataDir }, `CSTO Summit listening on http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${running.port} (data in ${config.dataDir})`);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void running.close().finally(() => process.exit(0));
  });
}
