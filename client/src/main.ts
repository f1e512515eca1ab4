/** Entry point: picks the screen from the address (home, join link, table, host link, projector link). */
import { api, Connection, seatTokens } from "./net/Connection";
import { renderHome, messageOf } from "./dom/HomePage";
import { t } from "./i18n";
import { renderHostPage } from "./dom/HostPage";
import { hostHref } from "./hostModel";
import { toast } from "./dom/announce";
import { h, fill } from "./dom/h";

const root = document.getElementById("app")!;
const [, section = "", arg = ""] = location.pathname.split("/");

// The table page (and Phaser with it) loads only on the routes that draw a table, so the home and join pages
// stay small on a phone; those routes start fetching it at once, beside the connection.
let tableChunk: Promise<typeof import("./dom/TablePage")> | null = null;
const tablePage = () => (tableChunk ??= import("./dom/TablePage"));
if (section === "table" || section === "projector" || (section === "host" && new URLSearchParams(location.search).has("table"))) void tablePage();

async function route(): Promise<void> {
  if (section === "join") return renderHome(root, arg.toUpperCase());
  if (section === "table") {
    const token = seatTokens.get(arg);
    if (!token) {
      toast(t("home:join.noSeat"));
      return renderHome(root);
    }
    try {
      const [conn, page] = await Promise.all([Connection.open(arg, { token }, "player"), tablePage()]);
      page.renderTablePage(root, conn);
    } catch (e) {
      // Only a token the server does not know is forgotten: a full seat or a busy server is worth another try.
      if (/BAD_TOKEN/.test(String((e as Error)?.message ?? e))) seatTokens.clear(arg);
      toast(t("home:join.couldNotReturn", { message: messageOf(e) }));
      return renderHome(root);
    }
    return;
  }
  if (section === "projector") {
    const code = new URLSearchParams(location.search).get("code") ?? "";
    const [conn, page] = await Promise.all([Connection.open(arg, { code, spectate: true }, "projector"), tablePage()]);
    page.renderTablePage(root, conn);
    return;
  }
  if (section === "host") {
    // The seminar's page with every table; `?table=<id>` opens one table's full view in host mode.
    const info = await api.dashboard(arg);
    const table = new URLSearchParams(location.search).get("table");
    if (!table || !info.tables.some((x) => x.table === table)) {
      renderHostPage(root, arg, info);
      return;
    }
    const [conn, page] = await Promise.all([Connection.open(table, { hostKey: arg }, "host"), tablePage()]);
    page.renderTablePage(root, conn, { key: arg, info, pick: (t) => location.assign(hostHref(arg, t)) });
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
  fill(root, h("main", { class: "home" }, h("h1", {}, t("brand")), h("p", {}, t("somethingWrong", { message: messageOf(e) })), h("a", { href: "/" }, t("back"))));
});
