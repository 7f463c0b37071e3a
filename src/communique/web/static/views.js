// The event table and the article view with an event's evidence highlighted.
import { el } from "./state.js";
import { QUAD_COLORS, QUAD_NAMES } from "./colors.js";

export const COLUMNS = [
  { key: "date", label: "Date", sort: "date", value: (e) => e.date || "" },
  { key: "type", label: "Type", sort: "type", value: (e) => e.type },
  { key: "cameo", label: "CAMEO", sort: "cameo", value: (e) => e.cameo || "", cls: "code" },
  { key: "quad", label: "Quad", sort: "quad_class", value: (e) => e.quad_class },
  { key: "source", label: "Source", sort: "source", value: (e) => e.source_code || "", text: (e) => e.source_text },
  { key: "target", label: "Target", sort: "target", value: (e) => e.target_code || "", text: (e) => e.target_text },
  { key: "trigger", label: "Trigger", value: (e) => e.trigger_text },
  { key: "place", label: "Place", value: (e) => e.place || "" },
  { key: "language", label: "Lang", sort: "language", value: (e) => e.language || "" },
];

export function drawHeader(row, sort, onSort) {
  row.replaceChildren(...COLUMNS.map((c) => {
    if (!c.sort) return el("th", { scope: "col" }, c.label);
    const active = sort.replace("-", "") === c.sort;
    const dir = active ? (sort.startsWith("-") ? "descending" : "ascending") : null;
    const next = active && !sort.startsWith("-") ? `-${c.sort}` : c.sort;
    return el("th", { scope: "col", "aria-sort": dir || "none" },
      el("button", { type: "button", onclick: () => onSort(next) }, c.label, active ? (dir === "ascending" ? " ▲" : " ▼") : ""));
  }));
}

export function drawRows(body, events, selected, onOpen) {
  body.replaceChildren(...events.map((e) => {
    const cells = COLUMNS.map((c) => {
      if (c.key === "quad") {
        const badge = el("span", { class: "quad", title: QUAD_NAMES[e.quad_class] || "" }, e.quad_class ?? "");
        badge.style.background = QUAD_COLORS[e.quad_class] || "#888";
        return el("td", {}, badge);
      }
      if (c.key === "trigger") {
        return el("td", { dir: "auto" }, el("a", { href: `?event=${encodeURIComponent(e.id)}`, "data-event": e.id,
          onclick: (ev) => { ev.preventDefault(); onOpen(e.id); } }, e.trigger_text));
      }
      const text = c.text ? c.text(e) : null;
      return el("td", { class: c.cls || null, dir: "auto" }, c.value(e), text ? el("div", { class: "note" }, text) : null);
    });
    return el("tr", { "data-id": e.id, "aria-selected": e.id === selected ? "true" : "false",
      onclick: () => onOpen(e.id) }, cells);
  }));
  if (!events.length) body.append(el("tr", {}, el("td", { colspan: COLUMNS.length }, "No events match.")));
}

// Most specific last: a segment covered by several spans takes the colour of the last.
const PRIORITY = ["quote", "place", "date", "target", "source", "trigger"];

/** The article's text as nodes: the event's sentence marked, each evidence span in its colour. */
export function highlight(text, detail) {
  const spans = detail.evidence.filter((s) => s.end > s.start);
  const sentence = detail.sentence;
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  if (sentence) { cuts.add(sentence.start); cuts.add(sentence.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const fields = spans.filter((s) => s.start <= a && b <= s.end).map((s) => s.field)
      .sort((x, y) => PRIORITY.indexOf(x) - PRIORITY.indexOf(y));
    let node = document.createTextNode(text.slice(a, b));
    if (fields.length) {
      const top = fields[fields.length - 1];
      const classes = ["ev", `ev-${top}`, ...(fields.includes("quote") && top !== "quote" ? ["ev-quote"] : [])];
      node = el("mark", { class: classes.join(" "), "data-field": top, "data-fields": fields.join(" "),
        title: fields.join(", ") }, node);
    }
    if (sentence && sentence.start <= a && b <= sentence.end) node = el("span", { class: "sentence" }, node);
    nodes.push(node);
  }
  return nodes;
}

function side(code, actor, span) {
  return [code || "—", actor ? ` (${actor})` : "", span ? el("div", { class: "note", dir: "auto" }, `“${span.text}”`) : null];
}

export function drawCodes(list, detail) {
  const e = detail.event;
  const date = e.date ? `${e.date.date.year ?? "XXXX"}${e.date.date.month ? "-" + String(e.date.date.month).padStart(2, "0") : ""}${e.date.date.day ? "-" + String(e.date.date.day).padStart(2, "0") : ""} (${e.date.provenance})` : "—";
  const place = e.place ? `${e.place.name}${e.place.country ? ", " + e.place.country : ""} (${e.place.provenance})` : "—";
  const rows = [
    ["type", null, `${e.type}${e.mode ? " (" + e.mode + ")" : ""}`],
    ["CAMEO", null, `${e.cameo ?? "—"} · Goldstein ${e.goldstein ?? "—"} · quad ${e.quad_class ?? "—"}`],
    ["source", "ev-source", side(e.source?.code, e.source?.actor, e.source?.span)],
    ["trigger", "ev-trigger", el("span", { dir: "auto" }, e.trigger.text)],
    ["target", "ev-target", side(e.target?.code, e.target?.actor, e.target?.span)],
    ["date", "ev-date", date],
    ["place", "ev-place", place],
    ["confidence", null, String(e.confidence)],
    ["rule", null, e.rule || "—"],
  ];
  list.replaceChildren(...rows.flatMap(([label, cls, value]) => [
    el("dt", { class: cls ? `ev ${cls}` : null }, label), el("dd", {}, value),
  ]));
}
