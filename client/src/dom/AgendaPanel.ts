/** The agenda panel: your briefing, each item's drafts and ballots, and the buttons the engine allows now. */
import type { Connection } from "../net/Connection";
import { delegationName, outcomeLabel, PHASE_LABEL, type TableModel } from "../model";
import { inventedReason, optionInventedReason } from "../../../shared/invented";
import type { LegalAction } from "../../../shared/legalActions";
import type { Proposal, PublicScenario, Score } from "../../../shared/state";
import { objectionsUsed } from "../../../shared/rules/ballots";
import { h, fill } from "./h";
import { toast } from "./announce";

const has = (legal: LegalAction[], pred: (a: LegalAction) => boolean) => legal.some(pred);

/** A small "invented" tag: the word is visible, the reason is its tooltip and its accessible name. */
function inventedTag(reason: string | null): HTMLElement | null {
  if (reason === null) return null;
  const why = reason || "Not in the historical sources: added for the game.";
  return h("small", { class: "invented-tag", role: "note", title: why, "aria-label": `Invented: ${why}` }, "invented");
}

/** A text followed by its tag, if any. */
const tagged = (text: string, tag: HTMLElement | null): (string | HTMLElement)[] => (tag ? [text, " ", tag] : [text]);

/** The tag for an option (or the motion to postpone, never invented) of an item. */
const optionTag = (item: PublicScenario["items"][number] | undefined, option: string) =>
  item && option !== "postpone" ? inventedTag(optionInventedReason(item, option)) : null;

export class AgendaPanel {
  readonly el = h("section", { class: "panel agenda", "aria-label": "Agenda" });

  constructor(private conn: Connection) {}

  private async act(action: Record<string, unknown>): Promise<void> {
    const r = await this.conn.act(action);
    if (!r.ok) toast(r.text);
  }

  private button(label: string, action: Record<string, unknown>, cls = ""): HTMLButtonElement {
    return h("button", { type: "button", class: cls, onclick: () => void this.act(action) }, label);
  }

  render(m: TableModel): void {
    const v = m.update.view;
    const you = m.update.you;
    const legal = m.update.legal;
    const phase = v.status === "lobby" ? "Lobby: waiting for the host to open the summit" : v.status === "ended" ? "The summit has ended" :
      `Round ${v.round} of ${m.welcome.scenario.rounds} · ${PHASE_LABEL[v.phase ?? ""] ?? ""}${v.status === "paused" ? " (paused)" : ""}`;
    fill(this.el,
      h("h2", {}, "Agenda"),
      h("p", { class: "phase-line" }, phase),
      this.seatBlock(m),
      this.ballotBlock(m),
      this.lastBallot(m),
      h("ol", { class: "items" }, m.welcome.scenario.items.map((item) => {
        const drafts = v.proposals.filter((p) => p.item === item.id && (p.status === "tabled" || p.status === "balloting"));
        const proposeOptions = legal.filter((a): a is Extract<LegalAction, { type: "propose" }> => a.type === "propose" && a.item === item.id);
        // An adviser prepares where the signatory tables.
        const prepareOptions = legal.flatMap((a) => (a.type === "prepare" && a.move.type === "propose" && a.move.item === item.id ? [a.move.option] : []));
        return h("li", { class: "item" },
          h("h3", {}, tagged(item.title, inventedTag(inventedReason(item)))),
          h("p", { class: "status" }, `Status: ${outcomeLabel(m, item.id, v.result?.outcomes[item.id] ?? v.outcomes[item.id])} · rule: ${v.rules[item.id]?.rule ?? item.rule}`),
          h("p", { class: "help" }, item.description),
          drafts.length ? h("ul", { class: "drafts" }, drafts.map((p) => this.draft(m, p))) : null,
          proposeOptions.length ? this.proposeForm(item.id, proposeOptions.map((a) => a.option), m) :
            prepareOptions.length ? this.proposeForm(item.id, prepareOptions, m, true) : null,
        );
      })),
      v.result ? this.results(m) : null,
      you.delegation && m.update.briefing ? h("details", { class: "briefing" }, h("summary", {}, `Your briefing (${delegationName(m, you.delegation)}, secret)`),
        h("p", {}, m.update.briefing), this.priorities(m, you.delegation)) : null,
    );
  }

  private seatBlock(m: TableModel): HTMLElement | null {
    const you = m.update.you;
    if (you.host || you.spectator) return null;
    const picks = m.update.legal.filter((a): a is Extract<LegalAction, { type: "seat.pick" }> => a.type === "seat.pick");
    if (picks.length) {
      return h("div", { class: "pick" }, h("p", {}, "Choose your delegation:"), picks.map((a) => this.button(delegationName(m, a.delegation), a)));
    }
    if (!you.delegation) return null;
    const team = Object.entries(m.update.view.seats).filter(([, s]) => s.delegation === you.delegation);
    const signer = m.update.view.delegations[you.delegation]?.signatory;
    return h("div", { class: "team" },
      h("p", {}, `You sit for ${delegationName(m, you.delegation)}${you.signatory ? " and sign for it" : " as an adviser"}.`),
      h("ul", {}, team.map(([id, s]) => h("li", {}, s.name, id === signer ? " (signatory)" : "", m.update.presence[id] === "away" ? " (away)" : ""))));
  }

  private ballotBlock(m: TableModel): HTMLElement | null {
    const b = m.update.view.ballots.find((x) => x.result === "open");
    if (!b) return null;
    const item = m.welcome.scenario.items.find((i) => i.id === b.item);
    const what = b.option === "postpone" ? "Motion to postpone" : item?.options.find((o) => o.id === b.option)?.title ?? b.option;
    const votes = m.update.legal.filter((a): a is Extract<LegalAction, { type: "vote" }> => a.type === "vote");
    const cast = Object.entries(b.votes).map(([d, c]) => `${delegationName(m, d)}: ${c}`).join(", ");
    const me = m.update.you.delegation;
    const left = me ? m.welcome.scenario.objections - objectionsUsed(m.update.view, me) : 0;
    const blocking = b.rule === "consensus" || b.rule === "unanimity";
    const secs = b.closesAt !== null ? Math.max(0, Math.round((b.closesAt - (Date.now() + m.clockSkew)) / 1000)) : b.remaining !== null ? Math.round(b.remaining / 1000) : null;
    const noLabel = blocking ? `Vote no (object: ${left} of ${m.welcome.scenario.objections} objections left)` : "Vote no";
    return h("div", { class: "ballot", role: "group", "aria-label": "Ballot" },
      h("h3", {}, tagged(`Ballot: ${item?.title ?? b.item} — ${what}`, optionTag(item, b.option))),
      h("p", {}, `Rule: ${b.rule}. ${cast ? `Votes so far: ${cast}.` : "No votes yet."}`),
      secs !== null ? h("p", { class: "help" }, `This ballot closes in about ${secs} s; a signatory who has not voted by then is counted as abstaining.`) : null,
      blocking && me && left <= 0 ? h("p", { class: "help" }, "Your delegation has used all its objections in this summit: it can vote yes or abstain.") : null,
      votes.length ? h("div", { class: "vote-buttons" }, votes.map((a) => this.button(a.choice === "yes" ? "Vote yes" : a.choice === "no" ? noLabel : "Abstain", a, `vote ${a.choice}`))) :
        h("p", { class: "help" }, m.update.you.delegation && !m.update.you.signatory ? "Your signatory casts the vote." : "Waiting for the delegations to vote."));
  }

  /** The latest closed ballot in one line: how each delegation voted, and who let the clock vote for it. */
  private lastBallot(m: TableModel): HTMLElement | null {
    const b = [...m.update.view.ballots].reverse().find((x) => x.result !== "open");
    if (!b || m.update.view.status === "ended") return null;
    const item = m.welcome.scenario.items.find((i) => i.id === b.item);
    const what = b.option === "postpone" ? "motion to postpone" : item?.options.find((o) => o.id === b.option)?.title ?? b.option;
    const how = Object.entries(b.votes).map(([d, c]) => `${delegationName(m, d)} ${b.lapsed.includes(d) ? "abstained (did not vote in time)" : c}`).join(", ");
    return h("p", { class: "help last-ballot" }, `Last ballot — ${item?.title ?? b.item}: ${what}, ${b.result}. ${how}.`);
  }

  private draft(m: TableModel, p: Proposal): HTMLElement {
    const item = m.welcome.scenario.items.find((i) => i.id === p.item);
    const title = p.option === "postpone" ? "Motion to postpone to the next summit" : item?.options.find((o) => o.id === p.option)?.title ?? p.option;
    const legal = m.update.legal;
    const amendTo = legal.filter((a): a is Extract<LegalAction, { type: "amend" }> => a.type === "amend" && a.proposal === p.id);
    const prepareAmend = legal.flatMap((a) => (a.type === "prepare" && a.move.type === "amend" && a.move.proposal === p.id ? [a.move.option] : []));
    return h("li", { class: "draft" },
      h("p", {}, h("strong", {}, tagged(title, optionTag(item, p.option))), ` — tabled by ${delegationName(m, p.sponsor)}`, p.cosponsors.length ? `, co-sponsored by ${p.cosponsors.map((d) => delegationName(m, d)).join(", ")}` : "", p.status === "balloting" ? " (being voted)" : ""),
      p.note ? h("p", { class: "note" }, p.note) : null,
      p.amendments.length ? h("ul", { class: "amendments" }, p.amendments.map((a) => h("li", {},
        tagged(`${delegationName(m, a.by)} proposes: ${item?.options.find((o) => o.id === a.option)?.title ?? a.option}`, optionTag(item, a.option)), ` (${a.status})`,
        has(legal, (x) => x.type === "amendment.accept" && x.amendment === a.id) ? this.button("Accept", { type: "amendment.accept", amendment: a.id }) : null,
        has(legal, (x) => x.type === "amendment.reject" && x.amendment === a.id) ? this.button("Reject", { type: "amendment.reject", amendment: a.id }) : null))) : null,
      h("div", { class: "row" },
        has(legal, (x) => x.type === "cosponsor" && x.proposal === p.id) ? this.button("Co-sponsor", { type: "cosponsor", proposal: p.id }) : null,
        has(legal, (x) => x.type === "withdraw" && x.proposal === p.id) ? this.button("Withdraw", { type: "withdraw", proposal: p.id }) : null,
        amendTo.map((a) => this.button(`Amend to: ${item?.options.find((o) => o.id === a.option)?.title ?? a.option}`, a)),
        prepareAmend.map((o) => this.button(`Prepare amendment: ${item?.options.find((x) => x.id === o)?.title ?? o}`, { type: "prepare", move: { type: "amend", proposal: p.id, option: o } }))));
  }

  /** The signatory tables a draft; an adviser (`prepare`) prepares one for the signatory, with a word of explanation. */
  private proposeForm(itemId: string, options: string[], m: TableModel, prepare = false): HTMLElement {
    const item = m.welcome.scenario.items.find((i) => i.id === itemId)!;
    // An <option> holds only text, so an invented one says so in words, its reason as the tooltip.
    const label = (o: string) => {
      if (o === "postpone") return h("option", { value: o }, "Motion to postpone");
      const title = item.options.find((x) => x.id === o)?.title ?? o;
      const why = optionInventedReason(item, o);
      return why === null ? h("option", { value: o }, title) : h("option", { value: o, title: why || undefined }, `${title} (invented)`);
    };
    const sel = h("select", { id: `propose-${itemId}`, "aria-label": `Draft for ${item.title}` }, options.map(label));
    const note = prepare ? h("input", { type: "text", maxlength: 600, id: `prepare-note-${itemId}`, "aria-label": "A word for the signatory", placeholder: "Note (optional)" }) : null;
    const form = h("form", { class: prepare ? "propose prepare row" : "propose row" }, sel, note, h("button", { type: "submit" }, prepare ? "Prepare for the signatory" : "Table this draft"));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const why = note?.value.trim();
      void this.act(prepare ? { type: "prepare", move: { type: "propose", item: itemId, option: sel.value }, ...(why ? { note: why } : {}) } : { type: "propose", item: itemId, option: sel.value });
    });
    return form;
  }

  private priorities(m: TableModel, d: string): HTMLElement | null {
    const pr = m.update.view.delegations[d]?.priorities;
    if (!pr) return null;
    return h("table", { class: "priorities" }, h("caption", {}, "What each outcome is worth to you"),
      h("tbody", {}, m.welcome.scenario.items.flatMap((i) => Object.entries(pr[i.id] ?? {}).map(([k, w]) =>
        h("tr", {}, h("th", { scope: "row" }, `${i.title}: ${outcomeLabel(m, i.id, k)}`), h("td", {}, w))))));
  }

  private results(m: TableModel): HTMLElement {
    const r = m.update.view.result!;
    const hist = m.welcome.scenario.historical;
    return h("div", { class: "results" },
      h("h3", {}, "Results and reveal"),
      h("table", {}, h("thead", {}, h("tr", {}, h("th", {}, "Item"), h("th", {}, "Outcome"), h("th", {}, "In history"))),
        h("tbody", {}, m.welcome.scenario.items.map((i) => h("tr", {}, h("td", {}, i.title), h("td", {}, outcomeLabel(m, i.id, r.outcomes[i.id])), h("td", {}, hist[i.id] ? outcomeLabel(m, i.id, hist[i.id]) : "—"))))),
      r.failed ? h("p", { class: "failed" }, h("strong", {}, "The summit failed: the alliance adopted nothing, so nobody wins.")) : null,
      h("table", {}, h("caption", {}, "Summit score = outcomes against your country's real 2016 result, plus conduct (pledges, objections, empty chairs, silence, standing)"),
        h("thead", {}, h("tr", {}, h("th", {}, "Delegation"), h("th", {}, "Summit score"), h("th", {}, "Outcomes vs 2016"), h("th", {}, "Conduct"), h("th", {}, "Priorities met"))),
        h("tbody", {}, Object.entries(r.scores).sort((a, b) => b[1].total - a[1].total).map(([d, s]) => h("tr", {},
          h("td", {}, delegationName(m, d), r.winners.includes(d) ? " — winner" : ""),
          h("td", {}, signed(s.total)), h("td", {}, signed(s.gain)),
          h("td", { title: conductText(s) }, signed(s.total - s.gain)),
          h("td", {}, `${Math.round(s.priority * 100)}% (2016: ${Math.round(s.baseline * 100)}%)`))))),
      h("p", {}, `Alliance cohesion: ${Math.round(r.cohesion * 100)}%`),
      h("p", {}, h("a", { href: `/replay/${encodeURIComponent(m.welcome.table)}#tab=debrief` }, "Open the debrief and the replay")));
  }
}

const signed = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(Math.round(x * 100))}`;

/** The conduct behind a score, in words. */
function conductText(s: Score): string {
  return `${s.kept} pledges kept, ${s.broken} broken; ${s.objections} objections; ${s.lapsed} ballots missed; ${s.silent} rounds silent; standing ${signed(s.standing)}`;
}
