/** The replay pages' styles, added once when a replay page opens (they build on the variables of style.css). */
const CSS = `
.replay-page .topbar { flex-wrap: wrap; }
.replay-title { flex: 1; min-width: 10rem; font-size: 1rem; font-weight: normal; margin: 0; }
.replay-actions { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.replay-page .lang-switch, .library .lang-switch { margin: 0; }
.replay-page .lang-select, .library .lang-select { width: auto; }
.button-link { display: inline-flex; align-items: center; padding: .45rem .7rem; border: 1px solid #3a4f70; border-radius: 6px; background: var(--panel-2); text-decoration: none; color: var(--ink); }
.replay-page .side { display: flex; flex-direction: column; }
.replay-page .canvas-box { overflow: hidden; }
.replay-page .side .tabs { padding: .5rem 1rem 0; }
.replay-side-body { flex: 1; overflow-y: auto; }
.transcript { max-height: calc(100vh - 330px); min-height: 8rem; position: relative; }
.replay-page .side.wide { width: min(780px, 58vw); }
.tl-play { min-width: 6.5rem; }
.transcript li.private { background: #1a2340; }
.transcript li.notice { background: #2c2414; }
.transcript li.now { outline: 2px solid var(--accent); outline-offset: -2px; }
.timeline { background: #0b1422; border-top: 1px solid #22344f; padding: .4rem 1rem .6rem; }
.tl-strip { position: relative; height: 30px; margin: 0 8px; }
.tl-mark { position: absolute; top: 6px; transform: translateX(-50%); width: 12px; height: 12px; padding: 0; border-radius: 50%; border: 1px solid #0b1422; background: var(--accent); opacity: .55; font-size: 0; }
.tl-mark.past { opacity: 1; }
.tl-mark.phase { top: 0; width: auto; min-width: 2px; height: 28px; border-radius: 0; background: #0b1422; opacity: 1; border: 0; border-left: 2px solid #4f6a92; font-size: .7rem; color: #c3cedc; padding: 0 0 0 3px; text-align: left; }
.tl-mark.end { background: #eef2f7; border-radius: 2px; }
.tl-mark.ballot.passed, .tl-mark.decision.passed { background: var(--yes); }
.tl-mark.ballot.failed, .tl-mark.decision.rejected { background: var(--no); }
.tl-mark.decision { border-radius: 2px; top: 16px; }
.tl-mark.decision.postponed { background: var(--abstain); }
.tl-mark.event { background: #d9732f; transform: translateX(-50%) rotate(45deg); border-radius: 2px; top: 16px; }
.tl-mark.notice { background: #7fa6d9; top: 16px; width: 9px; height: 9px; }
.tl-slider { width: 100%; margin: .2rem 0; accent-color: var(--accent); padding: 0; }
.tl-controls { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
.tl-controls select { width: auto; max-width: 100%; }
.tl-controls .tl-jump { max-width: 16rem; }
.tl-where { color: #c3cedc; font-variant-numeric: tabular-nums; flex: 1; min-width: 12rem; }
.tl-persp-wrap { display: inline-flex; gap: .4rem; align-items: center; max-width: 100%; }
.tl-persp-label { display: inline; margin: 0; color: var(--ink); font-size: 1rem; }
.library { max-width: 1200px; }
.library-top { display: flex; justify-content: space-between; align-items: center; gap: 1rem; flex-wrap: wrap; }
.library form { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .5rem 1rem; align-items: end; }
.library table { width: 100%; border-collapse: collapse; margin-top: 1rem; font-size: .92rem; }
.library th, .library td { text-align: left; padding: .35rem .4rem; border-bottom: 1px solid #2b3f5e; vertical-align: top; }
.library td.links { white-space: nowrap; }
.library td.links .button-link { margin: 0 .3rem .3rem 0; }
.library .status-ended { color: var(--muted); } .library .status-running { color: var(--yes); font-weight: 700; }
.library .card { margin-top: 1.5rem; }
.debrief { padding: .6rem 1rem 2rem; }
.debrief h2 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; }
.debrief h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.debrief-summary { font-weight: 700; margin: .4rem 0; }
.debrief .moments { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.debrief .moment { background: var(--panel-2); border-left: 4px solid var(--accent); border-radius: 8px; padding: .5rem .7rem; display: grid; gap: .25rem; }
.debrief .moment.pledge { border-left-color: var(--no); } .debrief .moment.event { border-left-color: #d9732f; } .debrief .moment.swing { border-left-color: #7fa6d9; }
.debrief .moment-kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #c3cedc; }
.debrief .moment-go { justify-self: start; }
.debrief details.numbers { margin-top: 1.2rem; border-top: 1px solid #2b3f5e; padding-top: .4rem; }
.debrief details.numbers > summary { cursor: pointer; font-weight: 700; padding: .6rem 0; min-height: 44px; box-sizing: border-box; }
.debrief .table-scroll { max-width: 100%; overflow-x: auto; }
.debrief table { width: 100%; border-collapse: collapse; font-size: .85rem; }
.debrief th, .debrief td { border-bottom: 1px solid #2b3f5e; padding: .2rem .3rem; text-align: left; }
.debrief td.num, .debrief th.num { text-align: right; font-variant-numeric: tabular-nums; }
.debrief canvas { width: 100%; max-width: 100%; background: #0f1b2e; border-radius: 8px; }
.debrief .tools { display: flex; gap: .4rem; flex-wrap: wrap; margin: .3rem 0; }
.debrief .tools button { font-size: .8rem; padding: .25rem .5rem; }
.debrief .match { color: var(--yes); } .debrief .differs { color: #ffb4a8; }
.debrief .cell { text-align: center; font-variant-numeric: tabular-nums; color: #fff; }
.debrief .compare { overflow-x: auto; }
@media (max-width: 800px) {
  .replay-page { height: auto; min-height: 100vh; }
  .replay-page .timeline { position: sticky; bottom: 0; z-index: 5; }
  .replay-page .topbar { gap: .4rem; }
  .replay-page .stage { flex-direction: column; }
  .replay-page .canvas-box { min-height: 50vh; }
  .replay-page .side, .replay-page .side.wide { width: 100%; max-height: none; border-left: 0; border-top: 1px solid #22344f; }
  .transcript { max-height: 60vh; }
  .replay-title { flex-basis: 100%; order: 2; }
}
@media (max-width: 700px) {
  /* Phones: every control a finger can hit (44 px), nothing wider than the screen. */
  .replay-page button:not(.tl-mark), .replay-page select, .replay-page .button-link, .replay-page input:not([type=range]), .replay-page summary,
  .library button, .library select, .library input, .library .button-link, .library a.back {
    min-height: 44px; min-width: 44px; box-sizing: border-box;
  }
  .replay-page a.brand, .library a.back { display: inline-flex; align-items: center; min-height: 44px; }
  .tl-slider { height: 44px; }
  .tl-controls .tl-jump, .tl-controls .tl-speed { flex: 1 1 8rem; max-width: none; }
  .tl-where { flex-basis: 100%; order: 9; min-width: 0; }
  .tl-persp-wrap { flex: 1 1 100%; }
  .tl-persp-wrap select { flex: 1; }
  .tl-mark { pointer-events: none; }
  .timeline { padding: .3rem .5rem .5rem; max-height: 45vh; overflow-y: auto; }
  .debrief { padding: .5rem .6rem 2rem; }
  .debrief .tools button { font-size: .9rem; }
  .library { padding: 1rem .75rem; }
  .library table.sessions, .library table.sessions tbody, .library table.sessions tr, .library table.sessions td { display: block; width: auto; }
  .library table.sessions thead { display: none; }
  .library table.sessions tr { background: var(--panel); border: 1px solid #2b3f5e; border-radius: 10px; padding: .5rem .7rem; margin: .6rem 0; }
  .library table.sessions td { border: 0; padding: .15rem 0; }
  .library table.sessions td::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
  .library table.sessions td.links::before { content: none; }
  .library td.links { white-space: normal; display: flex; gap: .5rem; flex-wrap: wrap; padding-top: .4rem; }
}
`;

let added = false;

/** Adds the styles to the page (once). */
export function useReplayStyle(): void {
  if (added) return;
  added = true;
  const el = document.createElement("style");
  el.textContent = CSS;
  document.head.append(el);
}
