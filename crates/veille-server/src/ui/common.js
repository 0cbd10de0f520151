// Shared by the pages: DOM building with textContent only (article text is
// untrusted and never becomes markup), JSON reads with the API's errors,
// links to a sentence of a document, and small SVG charts.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";

// An element with attributes and children (strings become text nodes).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return e;
}

// An SVG element with attributes.
function svgEl(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

// GET a JSON endpoint; throws the API's message on an error status.
async function getJSON(url) {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || "HTTP " + res.status);
  return body;
}

// The link to a sentence of a document, its byte span highlighted.
function sentenceHref(docId, sentenceIdx, span) {
  let h = "/doc/" + encodeURIComponent(docId);
  if (span && sentenceIdx !== null && sentenceIdx !== undefined) h += "?hl=" + span.start + "-" + span.end;
  if (sentenceIdx !== null && sentenceIdx !== undefined) h += "#s" + sentenceIdx;
  return h;
}

// A date as the API writes it (YYYY, YYYY-MM, YYYY-MM-DD, maybe with a
// time of day) as milliseconds, or NaN.
function dateMs(s) {
  if (!s) return NaN;
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(s);
  if (!m) return NaN;
  return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
}

// A figure as written by the API's fields: 21, ~100, 70+, 2000–3000.
function figureText(min, max, approximate) {
  let s = max === null || max === undefined ? min + "+" : max === min ? String(min) : min + "–" + max;
  return (approximate ? "~" : "") + s;
}

// Bars of documents per day over the span of `daily` ([{day, docs}]).
function sparkline(daily, width, height) {
  const s = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "spark", role: "img" });
  const pts = (daily || []).map((d) => [dateMs(d.day), d.docs]).filter((p) => !isNaN(p[0]));
  const title = svgEl("title");
  title.textContent = pts.length
    ? (daily || []).map((d) => d.day + ": " + d.docs).join(", ")
    : "no dated document";
  s.appendChild(title);
  if (!pts.length) return s;
  const t0 = Math.min(...pts.map((p) => p[0])), t1 = Math.max(...pts.map((p) => p[0]));
  const max = Math.max(...pts.map((p) => p[1]));
  const bw = Math.max(2, Math.min(8, width / Math.max(pts.length, 1) - 1));
  for (const [t, n] of pts) {
    const x = t1 === t0 ? width / 2 - bw / 2 : ((t - t0) / (t1 - t0)) * (width - bw);
    const h = Math.max(1, (n / max) * (height - 1));
    s.appendChild(svgEl("rect", { x: x.toFixed(1), y: (height - h).toFixed(1), width: bw, height: h.toFixed(1) }));
  }
  return s;
}

// Shows an error in `box` instead of its content.
function showError(box, err) {
  box.replaceChildren(el("p", { class: "error" }, String(err.message || err)));
}
