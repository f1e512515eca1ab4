/**
 * The host's page for a whole seminar: how students join, controls for every table at once, and each table side by
 * side with its clock, seats and controls. It follows the seminar over HTTP (one request every two seconds, whatever
 * the number of tables) and runs every clock on the server's clock; host actions go through the control route.
 * lit-html updates the page in place, so a notice being typed or a focused button survives every refresh.
 */
import { html, nothing, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import { api } from "../net/Connection";
import { onLangChange, t } from "../i18n";
import type { HostDashboard } from "../../../shared/protocol";
import { hostTableCard } from "./hostTableCard";
import { type HostTable, studentOrigin } from "../hostModel";
import { confirmDialog } from "./confirmDialog";
import { langSwitch } from "./LangSwitch";
import { toast } from "./announce";
import { refusalText, settingsLine } from "./hostText";

const REFRESH_MS = 2000;

export function renderHostPage(root: HTMLElement, key: string, first: HostDashboard): () => void {
  let data = first;
  let skew = first.serverNow - Date.now();
  let offline = false;
  let disposed = false;
  let poll: ReturnType<typeof setTimeout> | undefined;
  const lang = langSwitch();

  const refresh = async (): Promise<void> => {
    const sent = Date.now();
    try {
      const d = await api.dashboard(key);
      const back = Date.now();
      // The answer was written about halfway through the round trip.
      skew = d.serverNow - (sent + back) / 2;
      data = d;
      offline = false;
    } catch {
      offline = true;
    }
    if (!disposed) draw();
  };
  const schedule = () => {
    clearTimeout(poll);
    // A hidden tab asks nothing; it catches up as soon as it is shown again.
    poll = setTimeout(() => void (document.hidden ? Promise.resolve() : refresh()).then(() => { if (!disposed) schedule(); }), REFRESH_MS);
  };
  const onShow = () => { if (!document.hidden && !disposed) void refresh(); };
  document.addEventListener("visibilitychange", onShow);

  /** Sends a host action to some tables (all when `tables` is left out) and says which refused. */
  const control = async (action: Record<string, unknown>, tables?: HostTable[]): Promise<boolean> => {
    try {
      const r = await api.control(key, action, tables?.map((x) => x.table));
      const refused = Object.entries(r.results).filter(([, x]) => !x.ok);
      const number = (id: string) => (data.tables.find((x) => x.table === id)?.index ?? 0) + 1;
      if (refused.length) toast(refused.map(([id, x]) => t("host:refused", { n: number(id), reason: refusalText(x.error) })).join(" · "), "info");
      else if (action.type === "host.broadcast") toast(t("host:broadcast.sent"), "info");
      await refresh();
      return refused.length === 0;
    } catch (e) {
      toast(refusalText((e as { code?: string }).code));
      return false;
    }
  };

  const endOne = async (tbl: HostTable) => {
    const yes = await confirmDialog({ title: t("host:confirm.endTitle", { n: tbl.index + 1 }), body: t("host:confirm.endBody"), confirm: t("host:confirm.end"), cancel: t("host:confirm.cancel") });
    if (yes) await control({ type: "host.end" }, [tbl]);
  };
  const endAll = async () => {
    const open = data.tables.filter((x) => x.status !== "ended" && x.live?.status !== "ended");
    const yes = await confirmDialog({ title: t("host:confirm.endAllTitle"), body: t("host:confirm.endAllBody", { count: open.length }), confirm: t("host:confirm.endAll"), cancel: t("host:confirm.cancel") });
    if (yes) await control({ type: "host.end" }, open);
  };
  const cardActions = { act: (tbl: HostTable, action: Record<string, unknown>) => control(action, [tbl]), end: (tbl: HostTable) => void endOne(tbl) };

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      toast(t("host:join.copied"), "info");
    } catch { /* no clipboard (plain http on a network address): the link is there to select */ }
  };

  // "Let them in": students whose address a wrong guesser locked may use the code again.
  const letIn = async () => {
    try {
      const r = await api.admit(key);
      toast(t("host:join.admitted", { count: r.admitted }), "info");
      data = { ...data, waiting: 0 };
      draw();
    } catch (e) { toast(String((e as Error).message ?? e)); }
  };

  function draw(): void {
    const { origin, loopback } = studentOrigin(data, location.origin);
    const link = `${origin}/join/${data.code}`;
    const statuses = data.tables.map((x) => x.live?.status ?? x.status);
    const any = (s: string) => statuses.includes(s);
    document.title = `${t("host:title")} · ${data.title}`;
    render(html`<div class="host-page">
      <header class="host-top">
        <a href="/" class="brand">${t("brand")}</a>
        <h1>${t("host:title")}</h1>
        <span class="host-seminar">${data.title}</span>
        ${offline ? html`<span class="net lost" role="status">${t("host:offline")}</span>` : nothing}
        ${lang}
      </header>
      <main class="host-main">
        <section class="host-join" aria-labelledby="host-join-h">
          <h2 id="host-join-h">${t("host:join.heading")}</h2>
          <p class="host-code-line">${t("host:join.code")}: <strong class="code">${data.code}</strong></p>
          <p class="host-link-line">${t("host:join.link")}: <a class="student-link" href="${link}">${link}</a>
            <button type="button" class="copy" @click=${() => void copy(link)}>${t("host:join.copy")}</button></p>
          ${loopback ? html`<p class="host-warning" role="note">${t("host:join.loopback", { host: new URL(origin).host })}</p>` : nothing}
          ${data.waiting > 0 ? html`<p class="host-warning" role="alert">${t("host:join.waiting", { count: data.waiting })}
            <button type="button" @click=${() => void letIn()}>${t("host:join.letIn")}</button></p>` : nothing}
          ${data.tables.length > 1 ? html`<p class="help join-links">${t("host:join.perTable")} ${data.tables.map((x, i) => html`${i ? " · " : ""}<a href="${origin}/join/${data.code}?table=${x.index + 1}">${t("host:tableN", { n: x.index + 1 })}</a>`)}</p>` : nothing}
          <p class="help settings" title="${t(`host:settings.strengthHelp.${data.botStrength}`)}">${settingsLine(data)} ·
            <a href="/api/host/${encodeURIComponent(key)}/rolesheets" target="_blank" rel="noopener noreferrer">${t("host:join.roleSheets")}</a></p>
        </section>
        ${data.tables.length > 1 ? html`<section class="host-every" aria-labelledby="host-every-h">
          <h2 id="host-every-h">${t("host:every.heading")}</h2>
          <div class="row">
            <button type="button" ?disabled=${!any("lobby")} @click=${() => void control({ type: "host.start" }, data.tables.filter((_, i) => statuses[i] === "lobby"))}>${t("host:every.start")}</button>
            <button type="button" ?disabled=${!any("running")} @click=${() => void control({ type: "host.pause" }, data.tables.filter((_, i) => statuses[i] === "running"))}>${t("host:every.pause")}</button>
            <button type="button" ?disabled=${!any("paused")} @click=${() => void control({ type: "host.resume" }, data.tables.filter((_, i) => statuses[i] === "paused"))}>${t("host:every.resume")}</button>
            <button type="button" class="danger host-end-all" ?disabled=${statuses.every((s) => s === "ended")} @click=${() => void endAll()}>${t("host:every.end")}</button>
          </div>
        </section>` : nothing}
        <section class="host-grid" aria-label="${t("host:tablesLabel")}">
          ${repeat(data.tables, (x) => x.table, (x) => hostTableCard(key, data.code, x, skew, cardActions))}
        </section>
      </main>
    </div>`, root);
  }

  root.replaceChildren();
  draw();
  schedule();
  const tick = setInterval(draw, 1000);
  const offLang = onLangChange(draw);
  return () => { disposed = true; clearTimeout(poll); clearInterval(tick); offLang(); document.removeEventListener("visibilitychange", onShow); };
}

