/** Words shared by every screen. */
export default {
  brand: "CSTO Summit",
  language: "Language",
  phase: {
    opening: "Opening statements",
    consultations: "Consultations",
    drafting: "Drafting",
    voting: "Voting",
    results: "Results",
  },
  status: { lobby: "Lobby", ended: "Ended", paused: "Paused" },
  round: "Round {{round}}",
  roundOf: "Round {{round}} of {{rounds}}",
  net: { reconnecting: "Reconnecting…", lost: "Connection lost — reload the page", restored: "Connected. Your seat is restored." },
  outcome: {
    open: "open",
    rejected: "rejected",
    postponed: "postponed to the next summit",
    adopted: "adopted: {{option}}",
  },
  minutes_one: "{{count}} minute",
  minutes_other: "{{count}} minutes",
  back: "Back to the start",
  somethingWrong: "Something went wrong: {{message}}",
};
