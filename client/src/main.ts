/** Entry point: picks the screen from the address (home, join link, table, host link, projector link). */
import { api, Connection, seatTokens } from "./net/Connection";
import { renderHome, messageOf } from "./dom/HomePage";
import { renderTablePage } from "./dom/TablePage";
import { toast } from "./dom/announce";
import { h, fill } from "./dom/h";

const root = document.getElementById("app")!;
const [, section = "", arg = ""] = location.pathname.split("/");

async function route(): Promise<void> {
  if (section === "join") return renderHome(root, arg.toUpperCase());
  if (section === "table") {
    const token = seatTokens.get(arg);
    if (!token) {
      toast("This browser has no seat at that table. Join with the code first.");
      return renderHome(root);
    }
    try {
      const conn = await Connection.open(arg, { token }, "player");
      renderTablePage(root, conn);
    } catch (e) {
      seatTokens.clear(arg);
      toast(`Could not return to your seat: ${messageOf(e)}`);
      return renderHome(root);
    }
    return;
  }
  if (section === "projector") {
    const code = new URLSearchParams(location.search).get("code") ?? "";
    const conn = await Connection.open(arg, { code, spectate: true }, "projector");
    renderTablePage(root, conn);
    return;
  }
  if (section === "host") {
    const info = await api.dashboard(arg);
    let dispose: (() => void) | null = null;
    const open = async (table: string) => {
      dispose?.();
      const conn = await Connection.open(table, { hostKey: arg }, "host");
      dispose = renderTablePage(root, conn, { key: arg, info, pick: (t) => void open(t) });
    };
    await open(info.tables[0]!.table);
    return;
  }
  if (section === "replay") {
    // Replays: the library, or one session's viewer (its moment and perspective in the #hash).
    // Loaded on demand, so that the table page never downloads the replay viewer and the debrief.
    if (arg) await (await import("./replay/ReplayPage")).renderReplayPage(root, decodeURIComponent(arg));
    else await (await import("./replay/LibraryPage")).renderLibraryPage(root);
    return;
  }
  return renderHome(root);
}

route().catch((e) => {
  fill(root, h("main", { class: "home" }, h("h1", {}, "CSTO Summit"), h("p", {}, `Something went wrong: ${messageOf(e)}`), h("a", { href: "/" }, "Back to the start")));
});
