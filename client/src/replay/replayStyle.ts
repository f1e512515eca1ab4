/** The replay pages' styles, added once when a replay page opens (they build on the variables of style.css). */
const CSS = `
.replay-page .topbar { flex-wrap: wrap; }
.replay-title { flex: 1; min-width: 10rem; }
.replay-actions { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
.button-link { display: inline-block; padding: .45rem .7rem; border: 1px solid #3a4f70; border-radius: 6px; background: var(--panel-2); text-decoration: none; color: var(--ink); }
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
.tl-mark.phase { top: 0; width: auto; min-width: 2px; height: 28px; border-radius: 0; background: transparent; border: 0; border-left: 2px solid #4f6a92; font-size: .65rem; color: var(--muted); padding: 0 0 0 3px; text-align: left; }
.tl-mark.end { background: #eef2f7; border-radius: 2px; }
.tl-mark.ballot.passed, .tl-mark.decision.passed { background: var(--yes); }
.tl-mark.ballot.failed, .tl-mark.decision.rejected { background: var(--no); }
.tl-mark.decision { border-radius: 2px; top: 16px; }
.tl-mark.decision.postponed { background: var(--abstain); }
.tl-mark.event { background: #d9732f; transform: translateX(-50%) rotate(45deg); border-radius: 2px; top: 16px; }
.tl-mark.notice { background: #7fa6d9; top: 16px; width: 9px; height: 9px; }
.tl-slider { width: 100%; margin: .2rem 0; accent-color: var(--accent); padding: 0; }
.tl-controls { display: flex; gap: .4rem; align-items: center; flex-wrap: wrap; }
.tl-controls select { width: auto; }
.tl-controls .tl-jump { max-width: 16rem; }
.tl-where { color: var(--muted); font-variant-numeric: tabular-nums; flex: 1; min-width: 12rem; }
.tl-persp-label { display: inline-flex; gap: .4rem; align-items: center; margin: 0; }
.library { max-width: 1200px; }
.library form { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .5rem 1rem; align-items: end; }
.library table { width: 100%; border-collapse: collapse; margin-top: 1rem; font-size: .92rem; }
.library th, .library td { text-align: left; padding: .35rem .4rem; border-bottom: 1px solid #2b3f5e; vertical-align: top; }
.library .status-ended { color: var(--muted); } .library .status-running { color: var(--yes); font-weight: 700; }
.debrief { padding: .6rem 1rem 2rem; }
.debrief h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
.debrief table { width: 100%; border-collapse: collapse; font-size: .85rem; }
.debrief th, .debrief td { border-bottom: 1px solid #2b3f5e; padding: .2rem .3rem; text-align: left; }
.debrief td.num, .debrief th.num { text-align: right; font-variant-numeric: tabular-nums; }
.debrief canvas { width: 100%; background: #0f1b2e; border-radius: 8px; }
.debrief .tools { display: flex; gap: .4rem; flex-wrap: wrap; margin: .3rem 0; }
.debrief .tools button { font-size: .8rem; padding: .25rem .5rem; }
.debrief .match { color: var(--yes); } .debrief .differs { color: #ffb4a8; }
.debrief .cell { text-align: center; font-variant-numeric: tabular-nums; }
.debrief .compare { overflow-x: auto; }
@media (max-width: 800px) {
  .replay-page { height: auto; min-height: 100vh; }
  .replay-page .timeline { position: sticky; bottom: 0; z-index: 5; }
  .replay-page .topbar { gap: .4rem; }
  .replay-page .stage { flex-direction: column; }
  .replay-page .canvas-box { min-height: 50vh; }
  .replay-page .side { width: 100%; max-height: 45vh; border-left: 0; border-top: 1px solid #22344f; }
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
