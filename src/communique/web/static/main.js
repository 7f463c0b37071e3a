// The dashboard: filters in the URL → API calls → charts, table and the article view.
import { FILTERS, el, filterParams, getJSON, readState, writeState } from "./state.js";
import { drawMap, drawNetwork, drawTimeline } from "./charts.js";
import { drawCodes, drawHeader, drawRows, highlight } from "./views.js";

const PAGE = 50;
const $ = (id) => document.getElementById(id);
let state = readState();

function showError(error) {
  $("error").hidden = !error;
  $("error").textContent = error ? `Could not load: ${error.message}` : "";
}

function fillForm() {
  const form = $("filters");
  for (const name of FILTERS) form.elements[name].value = state[name];
  $("by").value = state.by;
  $("interval").value = state.interval;
  $("level").value = state.level;
}

async function loadTypes() {
  const stats = await getJSON("/api/stats");
  const select = $("filters").elements.type;
  for (const type of Object.keys(stats.by_type).sort()) select.append(el("option", { value: type }, type));
  select.value = state.type;
}

async function refreshCharts() {
  const params = filterParams(state);
  const [stats, timeline, network, places] = await Promise.all([
    getJSON("/api/stats", params),
    getJSON("/api/stats/timeline", filterParams(state, { by: state.by, interval: state.interval })),
    getJSON("/api/stats/network", filterParams(state, { level: state.level, limit: 60 })),
    getJSON("/api/stats/places", params),
  ]);
  const span = stats.first ? `, ${stats.first} to ${stats.last}` : "";
  $("summary").textContent = `${stats.events} events in ${stats.articles_with_events} articles${span} · ` +
    `${stats.tables.articles} articles, ${stats.tables.actors} actors stored`;
  drawTimeline($("timeline"), $("timeline-legend"), timeline, state.by, state.interval);
  drawNetwork($("network"), network, (id) => update({ actor: id, offset: "0" }));
  drawMap($("map"), places);
}

async function refreshTable() {
  const params = filterParams(state, { sort: state.sort, offset: state.offset, limit: PAGE });
  const page = await getJSON("/api/events", params);
  drawHeader(document.querySelector("#event-table thead tr"), state.sort, (sort) => update({ sort, offset: "0" }));
  drawRows(document.querySelector("#event-table tbody"), page.items, state.event, openEvent);
  const offset = Number(state.offset);
  $("count").textContent = `${page.total} events`;
  $("page").textContent = page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : "";
  $("prev").disabled = offset <= 0;
  $("next").disabled = offset + PAGE >= page.total;
  $("csv").href = `/api/events?${filterParams(state, { sort: state.sort, format: "csv", limit: 10000 })}`;
}

async function showArticle() {
  const panel = $("article");
  if (!state.event) { panel.hidden = true; return; }
  const detail = await getJSON(`/api/events/${encodeURIComponent(state.event)}`);
  const article = await getJSON(`/api/articles/${encodeURIComponent(detail.article.id)}`);
  const chosen = article.events.find((e) => e.event.id === state.event) || detail;
  const text = $("article-text");
  text.lang = article.language;
  text.replaceChildren(...highlight(article.text, chosen));
  drawCodes($("codes"), chosen);
  $("article-meta").textContent = [article.title, article.outlet, article.published, article.language,
    article.source.split("/").pop()].filter(Boolean).join(" · ");
  $("article-events").replaceChildren(...article.events.map((d) => el("li", {},
    el("button", { type: "button", "aria-current": d.event.id === state.event ? "true" : "false",
      onclick: () => openEvent(d.event.id) },
      `${d.event.type} ${d.event.cameo ?? ""}: ${d.event.source?.code ?? "?"} → ${d.event.target?.code ?? "?"} “${d.event.trigger.text}”`))));
  panel.hidden = false;
  text.querySelector(".sentence")?.scrollIntoView({ block: "nearest" });
  for (const row of document.querySelectorAll("#event-table tbody tr")) {
    row.setAttribute("aria-selected", row.dataset.id === state.event ? "true" : "false");
  }
}

function openEvent(id) {
  state.event = id;
  writeState(state);
  showArticle().then(() => $("article").scrollIntoView({ behavior: "smooth", block: "start" })).catch(showError);
}

async function render({ charts = true } = {}) {
  showError(null);
  document.body.dataset.loading = "true";
  try {
    await Promise.all([charts ? refreshCharts() : null, refreshTable(), showArticle()]);
  } catch (error) {
    showError(error);
  } finally {
    document.body.dataset.loading = "false";
  }
}

function update(changes, options = {}) {
  state = { ...state, ...changes };
  writeState(state);
  fillForm();
  return render(options);
}

function bind() {
  $("filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const changes = { offset: "0" };
    for (const name of FILTERS) changes[name] = form.elements[name].value.trim();
    update(changes);
  });
  $("reset").addEventListener("click", () => update(Object.fromEntries([...FILTERS.map((f) => [f, ""]), ["offset", "0"], ["event", ""]])));
  $("by").addEventListener("change", (ev) => update({ by: ev.target.value }));
  $("interval").addEventListener("change", (ev) => update({ interval: ev.target.value }));
  $("level").addEventListener("change", (ev) => update({ level: ev.target.value }));
  $("prev").addEventListener("click", () => update({ offset: String(Math.max(0, Number(state.offset) - PAGE)) }, { charts: false }));
  $("next").addEventListener("click", () => update({ offset: String(Number(state.offset) + PAGE) }, { charts: false }));
  $("close-article").addEventListener("click", () => { state.event = ""; writeState(state); $("article").hidden = true; });
  window.addEventListener("popstate", () => { state = readState(); fillForm(); render(); });
}

bind();
fillForm();
loadTypes().catch(showError).finally(() => render());
