// The dashboard's state lives in the URL's query string, so a view can be shared or bookmarked.
export const FILTERS = ["actor", "type", "quad_class", "country", "language", "since", "until", "text"];
const VIEW = { by: "type", interval: "year", level: "group", sort: "date", offset: "0", event: "" };

export function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const name of FILTERS) state[name] = params.get(name) || "";
  for (const [name, fallback] of Object.entries(VIEW)) state[name] = params.get(name) || fallback;
  return state;
}

export function writeState(state, { replace = false } = {}) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  for (const [name, fallback] of Object.entries(VIEW)) {
    if (state[name] && state[name] !== fallback) params.set(name, state[name]);
  }
  const url = `${location.pathname}${params.size ? "?" + params : ""}`;
  if (url !== location.pathname + location.search) {
    history[replace ? "replaceState" : "pushState"](null, "", url);
  }
}

/** The filter part of the state as API query parameters. */
export function filterParams(state, extra = {}) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (state[name]) params.set(name, state[name]);
  for (const [name, value] of Object.entries(extra)) if (value !== "" && value != null) params.set(name, value);
  return params;
}

export async function getJSON(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = body.detail || body.title || response.statusText;
    const fields = (body.errors || []).map((e) => `${(e.loc || []).slice(-1)[0]}: ${e.msg}`).join("; ");
    throw new Error(fields ? `${detail} (${fields})` : detail);
  }
  return body;
}

/** Create an element (HTML or SVG) with attributes and children; text is always set as text. */
export function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "g", "line", "circle", "rect", "text", "path", "title", "polyline"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
