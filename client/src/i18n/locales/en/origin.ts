/** Where a replayed session comes from (the replay library's origin label). */
export default {
  recorded: "recorded here",
  signedElsewhere: "imported, signed by another server",
  unsigned: "imported, unsigned",
  recordedHint: "Played on this server, or imported with this server's own signature.",
  signedElsewhereHint: "This server cannot check another server's signature: the log replays to its hashes, but nothing proves a class played it.",
  unsignedHint: "The log replays to its hashes, but nothing proves a class played it or that its scenario and names are real.",
};
