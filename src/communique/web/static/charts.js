// SVG charts drawn by hand: stacked bars over time, a force-directed actor network, an equirectangular map.
import { el } from "./state.js";
import { QUAD_COLORS, QUAD_NAMES, goldsteinColor, typeColor } from "./colors.js";

function svg(width, height, label) {
  return el("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
}

function empty(target, text) {
  target.replaceChildren(el("p", { class: "note" }, text));
}

/** Every period from the first to the last (years or months), so gaps show as gaps. */
function periods(points, interval) {
  const seen = [...new Set(points.map((p) => p.period))].sort();
  if (!seen.length || !["year", "month"].includes(interval)) return seen;
  const out = [];
  let [y, m] = seen[0].split("-").map(Number);
  const [ly, lm] = seen[seen.length - 1].split("-").map(Number);
  while ((y < ly || (y === ly && m <= lm)) && out.length < 600) {
    out.push(`${y}-${String(m).padStart(2, "0")}-01`);
    if (interval === "year") y += 1;
    else if (++m > 12) { m = 1; y += 1; }
  }
  return out.length < 600 ? out : seen;
}

export function drawTimeline(target, legend, points, by, interval) {
  if (!points.length) { legend.replaceChildren(); return empty(target, "No dated events match."); }
  const slots = periods(points, interval);
  const keys = [...new Set(points.map((p) => p.key))].sort();
  const color = by === "quad_class" ? (k) => QUAD_COLORS[k] || "#888" : typeColor(keys);
  const name = (k) => (by === "quad_class" ? `${k} ${QUAD_NAMES[k] || ""}` : k);
  const totals = new Map();
  for (const p of points) totals.set(p.period, (totals.get(p.period) || 0) + p.events);
  const max = Math.max(...totals.values());
  const W = 420, H = 220, left = 30, bottom = 24, top = 8;
  const band = (W - left - 6) / slots.length;
  const scale = (v) => (v / max) * (H - top - bottom);
  const chart = svg(W, H, `Events per ${interval} by ${by === "type" ? "type" : "quad class"}`);
  for (const tick of [0, Math.ceil(max / 2), max]) {
    const y = H - bottom - scale(tick);
    chart.append(el("line", { x1: left, x2: W, y1: y, y2: y, stroke: "#e3e6eb" }),
      el("text", { x: left - 4, y: y + 3, "text-anchor": "end" }, tick));
  }
  const stacks = new Map();
  for (const p of [...points].sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key))) {
    const i = slots.indexOf(p.period);
    if (i < 0) continue;
    const base = stacks.get(p.period) || 0;
    const h = scale(p.events);
    const label = interval === "year" ? p.period.slice(0, 4) : p.period.slice(0, 7);
    chart.append(el("rect", {
      x: left + i * band + band * 0.1, width: Math.max(1, band * 0.8), y: H - bottom - base - h, height: h,
      fill: color(p.key), "data-key": p.key, "data-period": p.period,
    }, el("title", {}, `${label} · ${name(p.key)}: ${p.events}`)));
    stacks.set(p.period, base + h);
  }
  const every = Math.ceil(slots.length / 8);
  slots.forEach((s, i) => {
    if (i % every) return;
    const label = interval === "year" ? s.slice(0, 4) : s.slice(0, 7);
    chart.append(el("text", { x: left + i * band + band / 2, y: H - 8, "text-anchor": "middle" }, label));
  });
  target.replaceChildren(chart);
  legend.replaceChildren(...keys.map((k) =>
    el("span", {}, el("span", { class: "swatch", "data-color": color(k) }), name(k))));
  for (const swatch of legend.querySelectorAll(".swatch")) swatch.style.background = swatch.dataset.color;
}

/** A small force-directed layout: deterministic start on a circle, a few hundred steps. */
function layout(nodes, edges, W, H) {
  const pos = new Map(nodes.map((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length;
    return [n.id, { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a), dx: 0, dy: 0 }];
  }));
  const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.6;
  for (let step = 0, t = W / 10; step < 300; step++, t *= 0.985) {
    for (const p of pos.values()) { p.dx = 0; p.dy = 0; }
    const list = [...pos.values()];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
      const a = list[i], b = list[j];
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy)), f = (k * k) / d;
      dx /= d; dy /= d; a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const e of edges) {
      const a = pos.get(e.source), b = pos.get(e.target);
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.01, Math.hypot(dx, dy)), f = (d * d) / k;
      dx /= d; dy /= d; a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    for (const p of list) {
      const d = Math.hypot(p.dx, p.dy) || 1, move = Math.min(d, t);
      p.x += (p.dx / d) * move - (p.x - W / 2) * 0.01;
      p.y += (p.dy / d) * move - (p.y - H / 2) * 0.01;
      p.x = Math.min(W - 30, Math.max(30, p.x));
      p.y = Math.min(H - 18, Math.max(24, p.y));
    }
  }
  return pos;
}

export function drawNetwork(target, network, onNode) {
  const { nodes, edges } = network;
  if (!edges.length) return empty(target, "No events between two coded actors match.");
  const W = 420, H = 260;
  const pos = layout(nodes, edges, W, H);
  const maxEdge = Math.max(...edges.map((e) => e.events));
  const maxNode = Math.max(...nodes.map((n) => n.events));
  const chart = svg(W, H, `Network of ${nodes.length} actors and ${edges.length} links`);
  for (const e of edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    const g = e.goldstein === null ? "n/a" : e.goldstein.toFixed(1);
    chart.append(el("line", {
      x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: goldsteinColor(e.goldstein), "stroke-linecap": "round",
      "stroke-width": 1.5 + 7 * Math.sqrt(e.events / maxEdge), "stroke-opacity": 0.85,
      "data-source": e.source, "data-target": e.target,
    }, el("title", {}, `${e.source} — ${e.target}: ${e.events} events, mean Goldstein ${g}`)));
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    const r = 5 + 11 * Math.sqrt(n.events / maxNode);
    const node = el("g", {
      class: "node", tabindex: 0, role: "button", "data-id": n.id,
      "aria-label": `${n.label} (${n.events} events): filter to this actor`,
      onclick: () => onNode(n.id),
      onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); onNode(n.id); } },
    },
    el("title", {}, `${n.label}: ${n.events} events`),
    el("circle", { cx: p.x, cy: p.y, r, fill: "#16213a", "fill-opacity": 0.85, stroke: "#fff" }),
    el("text", { class: "label", x: p.x, y: p.y - r - 3, "text-anchor": "middle" }, n.id));
    chart.append(node);
  }
  target.replaceChildren(chart);
}

export function drawMap(target, places) {
  const W = 420, H = 210;
  const x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
  const chart = svg(W, H, `Map of ${places.length} event places`);
  chart.append(el("rect", { x: 0, y: 0, width: W, height: H, fill: "#eef4fa" }));
  for (let lon = -180; lon <= 180; lon += 30) {
    chart.append(el("line", { x1: x(lon), x2: x(lon), y1: 0, y2: H, stroke: "#cdd9e5", "stroke-width": lon === 0 ? 1 : 0.5 }));
  }
  for (let lat = -90; lat <= 90; lat += 30) {
    chart.append(el("line", { x1: 0, x2: W, y1: y(lat), y2: y(lat), stroke: "#cdd9e5", "stroke-width": lat === 0 ? 1 : 0.5 }));
  }
  const max = Math.max(1, ...places.map((p) => p.events));
  for (const p of places) {
    const r = 3 + 8 * Math.sqrt(p.events / max);
    chart.append(el("g", { class: "place", "data-place": p.place || "" },
      el("title", {}, `${p.place || "?"} (${p.country || "?"}): ${p.events} events`),
      el("circle", { cx: x(p.longitude), cy: y(p.latitude), r, fill: goldsteinColor(p.goldstein),
        "fill-opacity": 0.8, stroke: "#16213a", "stroke-width": 0.6 }),
      el("text", { class: "label", x: x(p.longitude) + r + 2, y: y(p.latitude) + 3 }, p.place || "")));
  }
  target.replaceChildren(chart);
  if (!places.length) target.append(el("p", { class: "note" }, "No events with a known place match."));
}
