/** The debrief's pictures, drawn on plain canvases so they can be saved as PNG: cohesion over time and the network. */
import type { Network } from "../../../shared/debrief";

const INK = "#eef2f7", MUTED = "#a9b6c8", GRID = "#2b3f5e", ACCENT = "#d9a441", BG = "#0f1b2e";

/** A canvas sized for crisp drawing at the device's pixel ratio; drawing coordinates are CSS pixels. */
export function makeCanvas(width: number, height: number, label: string): HTMLCanvasElement {
  const c = document.createElement("canvas");
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  c.width = width * dpr;
  c.height = height * dpr;
  c.style.aspectRatio = `${width} / ${height}`;
  c.dataset.w = String(width);
  c.dataset.h = String(height);
  c.setAttribute("role", "img");
  c.setAttribute("aria-label", label);
  const g = c.getContext("2d")!;
  g.scale(dpr, dpr);
  return c;
}

function clear(c: HTMLCanvasElement): { g: CanvasRenderingContext2D; w: number; h: number } {
  const g = c.getContext("2d")!;
  const w = Number(c.dataset.w), h = Number(c.dataset.h);
  g.fillStyle = BG;
  g.fillRect(0, 0, w, h);
  g.font = "13px 'Noto Sans', 'DejaVu Sans', sans-serif";
  return { g, w, h };
}

/** Cohesion (0–1) against minutes since the summit opened; phase boundaries as faint lines. */
export function drawCohesion(c: HTMLCanvasElement, series: { at: number; value: number }[], start: number, boundaries: { at: number; label: string }[], title: string): void {
  const { g, w, h } = clear(c);
  const pad = { l: 42, r: 14, t: 14, b: 30 };
  const points = series.filter((p) => p.at >= start || p.at === 0).map((p) => ({ t: Math.max(0, (Math.max(p.at, start) - start) / 60_000), v: p.value }));
  const tMax = Math.max(1, ...points.map((p) => p.t), ...boundaries.map((b) => (b.at - start) / 60_000));
  const vs = points.map((p) => p.v);
  const lo = Math.max(0, Math.floor((Math.min(...vs, 1) - 0.05) * 10) / 10), hi = Math.min(1, Math.ceil((Math.max(...vs, 0) + 0.05) * 10) / 10);
  const x = (t: number) => pad.l + (t / tMax) * (w - pad.l - pad.r);
  const y = (v: number) => h - pad.b - ((v - lo) / Math.max(0.1, hi - lo)) * (h - pad.t - pad.b);
  g.strokeStyle = GRID;
  g.fillStyle = MUTED;
  g.lineWidth = 1;
  for (let v = lo; v <= hi + 1e-9; v += 0.1) {
    g.beginPath(); g.moveTo(pad.l, y(v)); g.lineTo(w - pad.r, y(v)); g.stroke();
    g.fillText(v.toFixed(1), 8, y(v) + 4);
  }
  const step = tMax > 60 ? 15 : tMax > 20 ? 5 : 1;
  for (let t = 0; t <= tMax; t += step) g.fillText(`${t}′`, x(t) - 6, h - 10);
  g.setLineDash([3, 4]);
  for (const b of boundaries) {
    const bx = x((b.at - start) / 60_000);
    g.beginPath(); g.moveTo(bx, pad.t); g.lineTo(bx, h - pad.b); g.stroke();
  }
  g.setLineDash([]);
  g.strokeStyle = ACCENT;
  g.lineWidth = 2.5;
  g.beginPath();
  points.forEach((p, i) => {
    // Cohesion holds its value until the next change: draw steps, not slopes.
    if (i === 0) g.moveTo(x(p.t), y(p.v));
    else { g.lineTo(x(p.t), y(points[i - 1]!.v)); g.lineTo(x(p.t), y(p.v)); }
  });
  const last = points.at(-1);
  if (last) g.lineTo(x(tMax), y(last.v));
  g.stroke();
  g.fillStyle = INK;
  g.fillText(title, pad.l + 4, pad.t + 10);
}

/** The negotiation network: delegations round a circle, links as thick as their traffic, the busiest largest. */
export function drawNetwork(c: HTMLCanvasElement, n: Network, nameOf: (id: string) => string, colorOf: (id: string) => string, caption: string): void {
  const { g, w, h } = clear(c);
  const cx = w / 2, cy = h / 2 + 6, r = Math.min(w, h) * 0.36;
  const top = Math.max(1, ...n.edges.map((e) => e.weight));
  const topStrength = Math.max(1, ...n.nodes.map((x) => x.strength));
  const pos = new Map(n.nodes.map((node, i) => {
    const a = -Math.PI / 2 + (i * 2 * Math.PI) / n.nodes.length;
    return [node.id, { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) }];
  }));
  for (const e of n.edges) {
    const p = pos.get(e.a)!, q = pos.get(e.b)!;
    g.strokeStyle = `rgba(217, 164, 65, ${0.35 + 0.6 * (e.weight / top)})`;
    g.lineWidth = 1 + 9 * (e.weight / top);
    g.beginPath(); g.moveTo(p.x, p.y); g.lineTo(q.x, q.y); g.stroke();
    g.fillStyle = INK;
    g.fillText(String(e.weight), (p.x + q.x) / 2 + 4, (p.y + q.y) / 2 - 4);
  }
  for (const node of n.nodes) {
    const p = pos.get(node.id)!;
    const radius = 10 + 14 * (node.strength / topStrength);
    g.fillStyle = colorOf(node.id);
    g.strokeStyle = node.id === n.hub ? ACCENT : INK;
    g.lineWidth = node.id === n.hub ? 4 : 1.5;
    g.beginPath(); g.arc(p.x, p.y, radius, 0, 2 * Math.PI); g.fill(); g.stroke();
    g.fillStyle = INK;
    const label = `${nameOf(node.id)} (${node.strength})`;
    g.fillText(label, p.x - g.measureText(label).width / 2, p.y + radius + 14);
  }
  g.fillStyle = INK;
  g.fillText(caption, 10, 18);
}

/** Saves a canvas as a PNG file. */
export function savePng(c: HTMLCanvasElement, name: string): void {
  const a = document.createElement("a");
  a.href = c.toDataURL("image/png");
  a.download = name;
  a.click();
}

/** Saves text as a file (CSV tables). */
export function saveText(text: string, name: string, type = "text/csv"): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
