/** The feed: news, the chair's notices, ballot results and recaps (client/src/dom/FeedPanel.ts, the projector). */
export default {
  title: "News and results",
  empty: "News, the chair's notices and ballot results will appear here.",
  news: "News",
  chair: "Notice from the chair",
  passed: "Passed",
  failed: "Failed",
  vote: { yes: "Yes", no: "No", abstain: "Abstained", absent: "Did not vote" },
  tally: {
    yes_one: "{{count}} yes", yes_other: "{{count}} yes",
    no_one: "{{count}} no", no_other: "{{count}} no",
    abstain_one: "{{count}} abstention", abstain_other: "{{count}} abstentions",
    absent_one: "{{count}} absent", absent_other: "{{count}} absent",
  },
  recap: "Results of round {{round}}",
  recapFinal: "Final results of the summit",
  noBallots: "No ballot was held this round.",
  decided: "Decided:",
};
