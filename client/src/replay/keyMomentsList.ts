/** The debrief's opening: the summit's key moments as sentences, each a button that opens the replay there. */
import type { KeyMoment } from "../../../shared/keyMoments";
import { adoptedOption } from "../../../shared/outcomes";
import type { State } from "../../../shared/state";
import { h } from "../dom/h";
import { formatNumber, t } from "../i18n";

export interface MomentNames {
  name: (delegation: string) => string;
  item: (item: string) => string;
  option: (item: string, option: string) => string;
  outcome: (item: string, outcome: string | null) => string;
  /** An outcome in a few words: the adopted option's title, or "rejected" / "postponed". */
  short: (item: string, outcome: string) => string;
}

/** Names as the final state (revealed scenario) gives them. */
export function momentNames(s: State): MomentNames {
  const item = (id: string) => s.scenario.items.find((x) => x.id === id)?.title ?? id;
  const option = (it: string, o: string) => (o === "postpone"
    ? t("common:outcome.postponed")
    : s.scenario.items.find((x) => x.id === it)?.options.find((x) => x.id === o)?.title ?? o);
  return {
    name: (id) => s.scenario.delegations.find((x) => x.id === id)?.name ?? id,
    item,
    option,
    short: (it, o) => {
      const adopted = adoptedOption(o);
      return adopted !== null ? option(it, adopted) : o === "rejected" || o === "postponed" ? t(`debrief:moments.${o}`) : o;
    },
    outcome: (it, o) => {
      if (o === null) return "—";
      const adopted = adoptedOption(o);
      if (adopted !== null) return t("common:outcome.adopted", { option: option(it, adopted) });
      return o === "rejected" || o === "postponed" || o === "open" ? t(`common:outcome.${o}`) : o;
    },
  };
}

const signed = (x: number, digits = 2) => `${x > 0 ? "+" : x < 0 ? "−" : "±"}${formatNumber(Math.abs(x), { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
const two = (x: number) => formatNumber(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const list = (xs: string[]) => new Intl.ListFormat(document.documentElement.lang || "en", { type: "conjunction" }).format(xs);

/** One moment as a sentence in the current language. */
export function momentText(m: KeyMoment, n: MomentNames): string {
  switch (m.kind) {
    case "decisive-vote": {
      const v = { item: n.item(m.item), option: n.option(m.item, m.option), rule: t(`debrief:rule.${m.rule}`), ...m.tally, who: list(m.pivotal.map(n.name)) };
      if (m.margin === "one-objection") return t("debrief:moments.oneObjection", v);
      return t(m.result === "passed" ? "debrief:moments.passedByOne" : "debrief:moments.failedByOne", v);
    }
    case "broken-pledge": {
      const v = { by: n.name(m.by), to: n.name(m.to), item: n.item(m.item), option: n.option(m.item, m.target) };
      return m.cast === null
        ? t("debrief:moments.brokenUntested", v)
        : t("debrief:moments.brokenAt", { ...v, promised: t(`debrief:vote.${m.promised}`), cast: t(`debrief:vote.${m.cast}`) });
    }
    case "cohesion-swing": {
      const cause = m.cause === null ? "" : "event" in m.cause
        ? t("debrief:moments.swingEvent", { title: m.cause.title })
        : t("debrief:moments.swingBallot", { item: n.item(m.cause.item) });
      return t("debrief:moments.swing", { from: two(m.from), to: two(m.to), delta: signed(m.delta), cause });
    }
    case "event": {
      // Cohesion changes under half a hundredth read as noise: left out.
      const parts = [Math.abs(m.cohesionDelta) >= 0.005 ? t("debrief:moments.event", { title: m.title, delta: signed(m.cohesionDelta) }) : t("debrief:moments.eventOnly", { title: m.title })];
      if (m.relations.length) {
        parts.push(t("debrief:moments.relations", { list: m.relations.map((r) => t("debrief:moments.relation", { a: n.name(r.between[0]), b: n.name(r.between[1]), delta: signed(r.delta) })).join("; ") }));
      }
      if (m.priorities.length) {
        parts.push(t("debrief:moments.priorities", { list: m.priorities.map((p) => t("debrief:moments.priority", { who: n.name(p.delegation), outcome: n.short(p.item, p.outcome), delta: signed(p.delta, 0) })).join("; ") }));
      }
      return parts.join(" ");
    }
  }
}

const KIND: Record<KeyMoment["kind"], string> = { "decisive-vote": "decisive", "broken-pledge": "pledge", "cohesion-swing": "swing", event: "event" };

/** The list; `seqOf` finds the replay's moment for a time, `jump` opens it. */
export function keyMomentsList(moments: KeyMoment[], n: MomentNames, seqOf: (m: KeyMoment) => number, jump: (seq: number) => void): HTMLElement {
  return h("section", { class: "key-moments", "aria-labelledby": "key-moments-title" },
    h("h2", { id: "key-moments-title" }, t("debrief:moments.title")),
    h("p", { class: "help" }, t("debrief:moments.help")),
    moments.length === 0 ? h("p", {}, t("debrief:moments.none")) : h("ol", { class: "moments" }, ...moments.map((m) => {
      const seq = seqOf(m);
      const text = momentText(m, n);
      const kind = KIND[m.kind];
      return h("li", { class: `moment ${kind}` },
        h("span", { class: "moment-kind" }, t(`debrief:moments.kind.${kind}`)),
        h("span", { class: "moment-text" }, text),
        h("button", { type: "button", class: "moment-go", onclick: () => jump(seq) }, t("debrief:moments.go", { seq })));
    })));
}
