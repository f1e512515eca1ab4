/**
 * The agenda panel: your seat, each item with the wording of its options, the drafts on the table and the buttons
 * the engine allows now; and the vote prompt, drawn into its own element so the page can keep it in view.
 * Rendered with lit-html: updates patch the DOM in place, and the forms are uncontrolled (no `.value` from the model),
 * so a chosen option, a typed note and the keyboard focus survive every update.
 */
import { html, nothing, render, type TemplateResult } from "lit-html";
import { repeat } from "lit-html/directives/repeat.js";
import type { Connection } from "../net/Connection";
import { delegationName, outcomeLabel, type TableModel } from "../model";
import { inventedReason, optionInventedReason } from "../../../shared/invented";
import type { LegalAction } from "../../../shared/legalActions";
import type { Proposal, PublicScenario, Score } from "../../../shared/state";
import { objectionsUsed } from "../../../shared/rules/ballots";
import { t } from "../i18n";
import { toast } from "./announce";
import { ruleName, wordDiff } from "./agendaText";

type Item = PublicScenario["items"][number];
const has = (legal: LegalAction[], pred: (a: LegalAction) => boolean) => legal.some(pred);

/** A small "invented" tag: the word is visible, the reason is its tooltip and its accessible name. */
function inventedTag(reason: string | null): TemplateResult | typeof nothing {
  if (reason === null) return nothing;
  const why = reason || t("table:invented.why");
  return html` <small class="invented-tag" role="note" title=${why} aria-label=${t("table:invented.label", { why })}>${t("table:invented.tag")}</small>`;
}

const optionTag = (item: Item | undefined, option: string) => (item && option !== "postpone" ? inventedTag(optionInventedReason(item, option)) : nothing);
const optionTitle = (item: Item | undefined, option: string) =>
  option === "postpone" ? t("table:agenda.postponeMotion") : item?.options.find((o) => o.id === option)?.title ?? option;
const optionText = (item: Item | undefined, option: string) =>
  option === "postpone" ? t("table:agenda.postponeText") : item?.options.find((o) => o.id === option)?.text ?? "";

/** An option's wording, the words no other option of its item shares marked. */
function wording(item: Item, option: string): TemplateResult {
  if (option === "postpone") return html`<p class="wording">${t("table:agenda.postponeText")}</p>`;
  const others = item.options.filter((o) => o.id !== option).map((o) => o.text);
  return html`<p class="wording">${wordDiff(optionText(item, option), others).map((p) => (p.own ? html`<mark>${p.text}</mark>` : p.text))}</p>`;
}

export class AgendaPanel {
  readonly el = document.createElement("section");
  /** The open ballot and its vote buttons; the page places it where it cannot scroll away. */
  readonly prompt = document.createElement("div");
  /** The option each propose form shows the wording of (the select itself stays uncontrolled). */
  private chosen = new Map<string, string>();
  private last: TableModel | null = null;

  constructor(private conn: Connection) {
    this.el.className = "panel agenda";
    this.prompt.className = "vote-prompt";
  }

  private async act(action: Record<string, unknown>): Promise<void> {
    // While paused the buttons stay (focus stays on them) but say so instead of acting.
    if (this.last?.update.view.status === "paused") { toast(t("table:paused.noActions"), "info"); return; }
    const r = await this.conn.act(action);
    if (!r.ok) toast(r.text);
  }

  private button(label: string, action: Record<string, unknown>, cls = ""): TemplateResult {
    return html`<button type="button" class=${cls} @click=${() => void this.act(action)}>${label}</button>`;
  }

  render(m: TableModel): void {
    this.last = m;
    const v = m.update.view;
    this.el.setAttribute("aria-label", t("table:agenda.title"));
    const phase = v.status === "lobby" ? t("table:agenda.lobby") : v.status === "ended" ? t("table:agenda.ended") :
      t("roundOf", { round: v.round, rounds: m.welcome.scenario.rounds }) + ` · ${t(`phase.${v.phase ?? "opening"}`)}`;
    render(html`
      <h2>${t("table:agenda.title")}</h2>
      <p class="phase-line">${phase}${v.status === "paused" ? html` <strong class="paused-tag">${t("table:status.paused")}</strong>` : nothing}</p>
      ${this.seatBlock(m)}
      ${this.lastBallot(m)}
      <ol class="items">${repeat(m.welcome.scenario.items, (i) => i.id, (item) => this.item(m, item))}</ol>
      ${v.result ? this.results(m) : nothing}`, this.el);
    render(this.ballotBlock(m), this.prompt);
    this.prompt.hidden = !v.ballots.some((b) => b.result === "open");
  }

  private item(m: TableModel, item: Item): TemplateResult {
    const v = m.update.view;
    const legal = m.update.legal;
    const drafts = v.proposals.filter((p) => p.item === item.id && (p.status === "tabled" || p.status === "balloting"));
    const proposeOptions = legal.flatMap((a) => (a.type === "propose" && a.item === item.id ? [a.option] : []));
    // An adviser prepares where the signatory tables.
    const prepareOptions = legal.flatMap((a) => (a.type === "prepare" && a.move.type === "propose" && a.move.item === item.id ? [a.move.option] : []));
    const rule = v.rules[item.id]?.rule ?? item.rule;
    return html`<li class="item">
      <h3>${item.title}${inventedTag(inventedReason(item))}</h3>
      <p class="status">${t("table:agenda.status", { outcome: outcomeLabel(m, item.id, v.result?.outcomes[item.id] ?? v.outcomes[item.id]) })} ·
        <span title=${t(`table:rule.${rule}.help`)}>${t("table:agenda.rule", { rule: ruleName(rule) })}</span></p>
      <p class="help">${item.description}</p>
      <details class="options">
        <summary>${t("table:agenda.wordings", { count: item.options.length })}</summary>
        ${item.options.length > 1 ? html`<p class="help">${t("table:agenda.diffHelp")}</p>` : nothing}
        <ul>${repeat(item.options, (o) => o.id, (o) => html`<li><strong>${o.title}</strong>${optionTag(item, o.id)}${wording(item, o.id)}</li>`)}</ul>
      </details>
      ${drafts.length ? html`<ul class="drafts">${repeat(drafts, (p) => p.id, (p) => this.draft(m, item, p))}</ul>` : nothing}
      ${proposeOptions.length ? this.proposeForm(item, proposeOptions) : prepareOptions.length ? this.proposeForm(item, prepareOptions, true) : nothing}
    </li>`;
  }

  private seatBlock(m: TableModel): TemplateResult | typeof nothing {
    const you = m.update.you;
    if (you.host || you.spectator) return nothing;
    const picks = m.update.legal.filter((a): a is Extract<LegalAction, { type: "seat.pick" }> => a.type === "seat.pick");
    if (picks.length) {
      return html`<div class="pick"><p>${t("table:seat.choose")}</p>${repeat(picks, (a) => a.delegation, (a) => this.button(delegationName(m, a.delegation), a))}</div>`;
    }
    if (!you.delegation) return nothing;
    const team = Object.entries(m.update.view.seats).filter(([, s]) => s.delegation === you.delegation);
    const signer = m.update.view.delegations[you.delegation]?.signatory;
    const name = delegationName(m, you.delegation);
    return html`<div class="team">
      <p>${you.signatory ? t("table:seat.signatory", { name }) : t("table:seat.adviser", { name })}</p>
      <ul>${repeat(team, ([id]) => id, ([id, s]) => html`<li>${s.name}${id === signer ? ` (${t("table:seat.signatoryTag")})` : ""}${m.update.presence[id] === "away" ? ` (${t("table:seat.away")})` : ""}</li>`)}</ul>
    </div>`;
  }

  /** The open ballot: what is voted, the votes so far, and this seat's buttons. */
  private ballotBlock(m: TableModel): TemplateResult | typeof nothing {
    const b = m.update.view.ballots.find((x) => x.result === "open");
    if (!b) return nothing;
    const item = m.welcome.scenario.items.find((i) => i.id === b.item);
    const votes = m.update.legal.filter((a): a is Extract<LegalAction, { type: "vote" }> => a.type === "vote");
    const cast = Object.entries(b.votes).map(([d, c]) => `${delegationName(m, d)}: ${t(`table:vote.${c}`)}`).join(", ");
    const me = m.update.you.delegation;
    const total = m.welcome.scenario.objections;
    const left = me ? total - objectionsUsed(m.update.view, me) : 0;
    const blocking = b.rule === "consensus" || b.rule === "unanimity";
    const secs = b.closesAt !== null ? Math.max(0, Math.round((b.closesAt - (Date.now() + m.clockSkew)) / 1000)) : b.remaining !== null ? Math.round(b.remaining / 1000) : null;
    const label = (c: string) => (c === "yes" ? t("table:ballot.yes") : c === "no" ? (blocking ? t("table:ballot.object", { left, total }) : t("table:ballot.no")) : t("table:ballot.abstain"));
    const seated = Object.values(b.votes).filter((c) => c !== "absent").length;
    return html`<div class="ballot" role="group" aria-label=${t("table:ballot.label")}>
      <h3>${t("table:ballot.title", { item: item?.title ?? b.item, option: optionTitle(item, b.option) })}${optionTag(item, b.option)}</h3>
      <details class="ballot-details"><summary>${t("table:ballot.summary", { count: seated, total: m.welcome.scenario.delegations.length })}${secs !== null ? ` · ${t("table:ballot.secs", { secs })}` : ""}</summary>
        ${item ? wording(item, b.option) : nothing}
        <p>${t("table:ballot.rule", { rule: ruleName(b.rule) })} ${t(`table:rule.${b.rule}.help`)}</p>
        <p>${cast ? t("table:ballot.cast", { votes: cast }) : t("table:ballot.none")}</p>
        ${secs !== null ? html`<p class="help">${t("table:ballot.closes", { secs })}</p>` : nothing}
      </details>
      ${blocking && me && left <= 0 ? html`<p class="help">${t("table:ballot.noObjectionsLeft")}</p>` : nothing}
      ${votes.length ? html`<div class="vote-buttons">${repeat(votes, (a) => a.choice, (a) => this.button(label(a.choice), a, `vote ${a.choice}`))}</div>` :
        html`<p class="help">${me && !m.update.you.signatory ? t("table:ballot.signatoryVotes") : me && b.votes[me] ? t("table:ballot.voted") : t("table:ballot.waiting")}</p>`}
    </div>`;
  }

  /** The latest closed ballot in one line: how each delegation voted, and who let the clock vote for it. */
  private lastBallot(m: TableModel): TemplateResult | typeof nothing {
    const b = [...m.update.view.ballots].reverse().find((x) => x.result !== "open");
    if (!b || m.update.view.status === "ended") return nothing;
    const item = m.welcome.scenario.items.find((i) => i.id === b.item);
    const how = Object.entries(b.votes).map(([d, c]) => `${delegationName(m, d)} ${b.lapsed.includes(d) ? t("table:ballot.lapsed") : t(`table:vote.${c}`)}`).join(", ");
    return html`<p class="help last-ballot">${t("table:ballot.last", { item: item?.title ?? b.item, option: optionTitle(item, b.option), result: t(`table:ballot.${b.result}`), votes: how })}</p>`;
  }

  private draft(m: TableModel, item: Item, p: Proposal): TemplateResult {
    const legal = m.update.legal;
    const amendTo = legal.filter((a): a is Extract<LegalAction, { type: "amend" }> => a.type === "amend" && a.proposal === p.id);
    const prepareAmend = legal.flatMap((a) => (a.type === "prepare" && a.move.type === "amend" && a.move.proposal === p.id ? [a.move.option] : []));
    const cos = p.cosponsors.map((d) => delegationName(m, d)).join(", ");
    return html`<li class="draft">
      <p><strong>${optionTitle(item, p.option)}${optionTag(item, p.option)}</strong> — ${t("table:draft.by", { name: delegationName(m, p.sponsor) })}${cos ? `, ${t("table:draft.cosponsored", { names: cos })}` : ""}${p.status === "balloting" ? ` (${t("table:draft.voting")})` : ""}</p>
      ${wording(item, p.option)}
      ${p.note ? html`<p class="note">${p.note}</p>` : nothing}
      ${p.amendments.length ? html`<ul class="amendments">${repeat(p.amendments, (a) => a.id, (a) => html`<li>
        ${t("table:draft.amendment", { name: delegationName(m, a.by), option: optionTitle(item, a.option) })}${optionTag(item, a.option)} (${t(`table:draft.amendmentStatus.${a.status}`)})
        ${has(legal, (x) => x.type === "amendment.accept" && x.amendment === a.id) ? this.button(t("table:draft.accept"), { type: "amendment.accept", amendment: a.id }) : nothing}
        ${has(legal, (x) => x.type === "amendment.reject" && x.amendment === a.id) ? this.button(t("table:draft.reject"), { type: "amendment.reject", amendment: a.id }) : nothing}
      </li>`)}</ul>` : nothing}
      <div class="row">
        ${has(legal, (x) => x.type === "cosponsor" && x.proposal === p.id) ? this.button(t("table:draft.cosponsor"), { type: "cosponsor", proposal: p.id }) : nothing}
        ${has(legal, (x) => x.type === "withdraw" && x.proposal === p.id) ? this.button(t("table:draft.withdraw"), { type: "withdraw", proposal: p.id }) : nothing}
        ${repeat(amendTo, (a) => a.option, (a) => this.button(t("table:draft.amendTo", { option: optionTitle(item, a.option) }), a))}
        ${repeat(prepareAmend, (o) => o, (o) => this.button(t("table:draft.prepareAmend", { option: optionTitle(item, o) }), { type: "prepare", move: { type: "amend", proposal: p.id, option: o } }))}
      </div>
    </li>`;
  }

  /** The signatory tables a draft; an adviser (`prepare`) prepares one for the signatory, with a word of explanation. */
  private proposeForm(item: Item, options: string[], prepare = false): TemplateResult {
    // An <option> holds only text, so an invented one says so in words, its reason as the tooltip.
    const label = (o: string) => {
      const why = o === "postpone" ? null : optionInventedReason(item, o);
      return why === null ? optionTitle(item, o) : `${optionTitle(item, o)} (${t("table:invented.tag")})`;
    };
    const shown = options.includes(this.chosen.get(item.id) ?? "") ? this.chosen.get(item.id)! : options[0]!;
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const option = (form.elements.namedItem("option") as HTMLSelectElement).value;
      const why = (form.elements.namedItem("note") as HTMLInputElement | null)?.value.trim();
      void this.act(prepare ? { type: "prepare", move: { type: "propose", item: item.id, option }, ...(why ? { note: why } : {}) } : { type: "propose", item: item.id, option });
    };
    const pick = (e: Event) => {
      this.chosen.set(item.id, (e.target as HTMLSelectElement).value);
      if (this.last) this.render(this.last);
    };
    return html`<form class=${prepare ? "propose prepare" : "propose"} @submit=${submit}>
      <div class="row">
        <select name="option" id=${`propose-${item.id}`} aria-label=${t("table:propose.label", { item: item.title })} @change=${pick}>
          ${repeat(options, (o) => o, (o) => html`<option value=${o} title=${(o !== "postpone" && optionInventedReason(item, o)) || ""}>${label(o)}</option>`)}
        </select>
        ${prepare ? html`<input type="text" name="note" maxlength="600" id=${`prepare-note-${item.id}`} aria-label=${t("table:propose.noteLabel")} placeholder=${t("table:propose.notePlaceholder")}>` : nothing}
        <button type="submit">${prepare ? t("table:propose.prepare") : t("table:propose.table")}</button>
      </div>
      <div class="preview" aria-live="polite">${wording(item, shown)}</div>
    </form>`;
  }

  private results(m: TableModel): TemplateResult {
    const r = m.update.view.result!;
    const hist = m.welcome.scenario.historical;
    const scores = Object.entries(r.scores).sort((a, b) => b[1].total - a[1].total);
    return html`<div class="results">
      <h3>${t("table:results.title")}</h3>
      <div class="scroll-x"><table><thead><tr><th>${t("table:results.item")}</th><th>${t("table:results.outcome")}</th><th>${t("table:results.history")}</th></tr></thead>
        <tbody>${m.welcome.scenario.items.map((i) => html`<tr><td>${i.title}</td><td>${outcomeLabel(m, i.id, r.outcomes[i.id])}</td><td>${hist[i.id] ? outcomeLabel(m, i.id, hist[i.id]) : "—"}</td></tr>`)}</tbody></table></div>
      ${r.failed ? html`<p class="failed"><strong>${t("table:results.failed")}</strong></p>` : nothing}
      <div class="scroll-x"><table><caption>${t("table:results.caption")}</caption>
        <thead><tr><th>${t("table:results.delegation")}</th><th>${t("table:results.score")}</th><th>${t("table:results.gain")}</th><th>${t("table:results.conduct")}</th><th>${t("table:results.met")}</th></tr></thead>
        <tbody>${scores.map(([d, s]) => html`<tr>
          <td>${delegationName(m, d)}${r.winners.includes(d) ? ` — ${t("table:results.winner")}` : ""}</td>
          <td>${signed(s.total)}</td><td>${signed(s.gain)}</td><td title=${conductText(s)}>${signed(s.total - s.gain)}</td>
          <td>${t("table:results.metValue", { now: Math.round(s.priority * 100), then: Math.round(s.baseline * 100) })}</td></tr>`)}</tbody></table></div>
      <p>${t("table:results.cohesion", { pct: Math.round(r.cohesion * 100) })}</p>
      <p><a href=${`/replay/${encodeURIComponent(m.welcome.table)}#tab=debrief`}>${t("table:results.debrief")}</a></p>
    </div>`;
  }
}

const signed = (x: number): string => `${x >= 0 ? "+" : "−"}${Math.abs(Math.round(x * 100))}`;

/** The conduct behind a score, in words. */
function conductText(s: Score): string {
  return t("table:results.conductText", { kept: s.kept, broken: s.broken, objections: s.objections, lapsed: s.lapsed, silent: s.silent, standing: signed(s.standing) });
}
