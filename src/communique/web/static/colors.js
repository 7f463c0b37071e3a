// Colours: quad classes on a cooperation → conflict scale, PLOVER types categorical, Goldstein diverging.
export const QUAD_COLORS = { 0: "#9aa3ad", 1: "#91cf60", 2: "#1a9850", 3: "#fc8d59", 4: "#d73027" };
export const QUAD_NAMES = {
  0: "neutral", 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};
const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
  "#9c755f", "#bab0ac", "#2f4b7c", "#a05195", "#d45087", "#665191", "#003f5c", "#ffa600"];

export function typeColor(keys) {
  const sorted = [...keys].sort();
  return (key) => PALETTE[sorted.indexOf(key) % PALETTE.length];
}

function mix(a, b, t) {
  const pa = a.match(/\w\w/g).map((h) => parseInt(h, 16));
  const pb = b.match(/\w\w/g).map((h) => parseInt(h, 16));
  return "#" + pa.map((v, i) => Math.round(v + (pb[i] - v) * t).toString(16).padStart(2, "0")).join("");
}

/** Goldstein −10 (conflict, red) … 0 (grey) … +10 (cooperation, green). */
export function goldsteinColor(score) {
  if (score === null || score === undefined) return "#9aa3ad";
  const t = Math.min(1, Math.abs(score) / 6);
  return score >= 0 ? mix("9aa3ad", "1a9850", t) : mix("9aa3ad", "d73027", t);
}
