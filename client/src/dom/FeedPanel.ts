/**
 * The summit's feed beside the table: news, the chair's notices, each closed ballot with who voted how, and a recap at
 * each Results phase. Rendered with lit-html, keyed by entry: new entries are appended and the reader's scroll
 * position stays where it was (unless they were at the bottom, then the list follows the news).
 */
import { html, render } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { GameEvent } from "../../../shared/state";
import type { TableFeed, TableModel } from "../model";
import { onLangChange, t } from "../i18n";
import { type BallotEntry, type FeedEntry, type RecapEntry, type VoteChoice, describeFeed } from "../scenes/describeFeed";

const CHOICES: VoteChoice[] = ["yes", "no", "abstain", "absent"];

function ballotView(e: BallotEntry) {
  return html`
    <p class="feed-head"><span class="feed-stamp ${e.passed ? "passed" : "failed"}">${e.passed ? t("feed:passed") : t("feed:failed")}</span>
      <strong>${e.itemTitle}</strong>: ${e.optionTitle}</p>
    <dl class="feed-votes">${CHOICES.filter((c) => e.votes[c].length).map((c) => html`
      <div class="vote-${c}"><dt>${t(`feed:vote.${c}`)}</dt><dd>${e.votes[c].map((d) => d.name).join(", ")}</dd></div>`)}
    </dl>`;
}

function recapView(e: RecapEntry) {
  return html`
    <p class="feed-head"><strong>${e.final ? t("feed:recapFinal") : t("feed:recap", { round: e.round })}</strong></p>
    ${e.ballots.length ? html`<ul>${e.ballots.map((b) => html`<li>${b.passed ? t("feed:passed") : t("feed:failed")}: ${b.itemTitle}: ${b.optionTitle} (${b.tally})</li>`)}</ul>`
      : html`<p>${t("feed:noBallots")}</p>`}
    ${e.decided.length ? html`<p class="feed-decided">${t("feed:decided")}</p><ul>${e.decided.map((d) => html`<li><strong>${d.title}</strong>: ${d.outcome}</li>`)}</ul>` : ""}`;
}

function entryView(e: FeedEntry) {
  switch (e.kind) {
    case "news": return html`<p class="feed-head"><span class="feed-kind">${t("feed:news")}</span> <strong>${e.title}</strong></p>${e.text ? html`<p>${e.text}</p>` : ""}`;
    case "notice": return html`<p class="feed-head"><span class="feed-kind">${t("feed:chair")}</span></p><p>${e.text}</p>`;
    case "ballot": return ballotView(e);
    case "recap": return recapView(e);
  }
}

export class FeedPanel {
  readonly el: HTMLElement = document.createElement("section");
  private list: HTMLElement | null = null;
  private last: TableModel | null = null;
  private readonly offLang: () => void;

  constructor() {
    this.el.className = "panel feed";
    this.offLang = onLangChange(() => { if (this.last) this.render(this.last, []); });
  }

  /** Stops following the language (the page is going away). */
  dispose(): void { this.offLang(); }

  /** A panel that follows a feed by itself (and stops once it has been taken off the page). */
  static follow(feed: TableFeed): FeedPanel {
    const panel = new FeedPanel();
    let seen = false;
    const off = feed.subscribe((m, events) => {
      if (panel.el.isConnected) seen = true;
      else if (seen) return (off(), panel.dispose());
      panel.render(m, events);
    });
    const m = feed.current();
    if (m) panel.render(m, []);
    return panel;
  }

  render(m: TableModel, _events: GameEvent[]): void {
    this.last = m;
    const entries = describeFeed(m);
    const list = this.list;
    // Follow the newest entry only when the reader is already at the bottom: reading back is never interrupted.
    const atBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 8;
    render(html`
      <h2 id="feed-title">${t("feed:title")}</h2>
      <ol class="feed-list" tabindex="0" aria-labelledby="feed-title">
        ${repeat(entries, (e) => e.key, (e) => html`<li class="feed-entry feed-${e.kind}" data-key=${e.key}>${entryView(e)}</li>`)}
      </ol>
      ${entries.length ? "" : html`<p class="feed-empty">${t("feed:empty")}</p>`}`, this.el);
    this.list = this.el.querySelector(".feed-list");
    if (atBottom && this.list) this.list.scrollTop = this.list.scrollHeight;
  }
}
