/**
 * The load generator, a process of its own (on its own CPU when taskset exists): it holds every client of a
 * level and does what the orchestrator (loadBench.ts) asks over IPC, answering by id.
 */
import "../../tests/setup/nodeWebSocket"; // before the SDK: the generator reads bytes under its sockets
import { Client } from "@colyseus/sdk";
import { LoadWindow } from "./loadWindow";
import { StatsWindow } from "./processStats";
import { RelayLoad } from "./relayLoad";
import { SummitLoad } from "./summitLoad";
import type { GeneratorRequest, WindowResult } from "./wire";

const own = new StatsWindow();
let w: LoadWindow | null = null;
let ours: SummitLoad | null = null;
let relay: RelayLoad | null = null;

async function handle(req: GeneratorRequest): Promise<unknown> {
  switch (req.type) {
    case "setup": {
      w = new LoadWindow(new Client(req.options.url));
      if (req.options.target === "ours") { ours = new SummitLoad(req.options, w); return ours.setup(); }
      relay = new RelayLoad(req.options, w);
      return relay.setup();
    }
    case "fill":
      if (!ours) throw new Error("fill: only our server has a chat to fill");
      return ours.fill();
    case "pace":
      (ours ?? relay)!.pace(req.on);
      return true;
    case "windowStart":
      own.reset();
      w!.start();
      return true;
    case "windowEnd": {
      const s = own.read();
      (ours ?? relay)!.pace(false);
      const r = await w!.end(req.drainMs);
      return { ...r, generator: { cpuPercent: Math.round(s.cpuPercent), lagP99Ms: Math.round(s.lagP99Ms * 10) / 10, lagMaxMs: Math.round(s.lagMaxMs), rssBytes: s.rssBytes } } satisfies WindowResult;
    }
    case "settle":
      return ours ? ours.settle(req.timeoutMs) : relay!.settle(req.timeoutMs);
    case "endSummits":
      if (!ours) throw new Error("endSummits: only our server has summits");
      return ours.endSummits();
    case "leave":
      await w?.leaveAll();
      return true;
  }
}

process.on("message", (raw) => {
  const { id, ...req } = raw as GeneratorRequest & { id: number };
  if ((req as { type: string }).type === "exit") {
    process.send?.({ id, result: true }, () => process.exit(0));
    return;
  }
  handle(req as GeneratorRequest).then(
    (result) => process.send?.({ id, result }),
    (e: Error) => process.send?.({ id, error: e.stack ?? e.message }),
  );
});
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready" });
