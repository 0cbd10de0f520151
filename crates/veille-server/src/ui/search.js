// The search page: reads /api/search and builds the list with DOM nodes and
// textContent only, so article text can never become markup.
"use strict";

const form = document.getElementById("search");
const results = document.getElementById("results");
const status = document.getElementById("status");

// Appends `text` to `el`, the byte ranges `highlights` (relative to `base`,
// UTF-8 offsets as the API gives them) wrapped in <mark>.
function appendHighlighted(el, text, base, highlights) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  let at = 0;
  for (const h of highlights || []) {
    const s = h.start - base, e = h.end - base;
    if (s < at || e > bytes.length) continue;
    el.appendChild(document.createTextNode(dec.decode(bytes.slice(at, s))));
    const m = document.createElement("mark");
    m.textContent = dec.decode(bytes.slice(s, e));
    el.appendChild(m);
    at = e;
  }
  el.appendChild(document.createTextNode(dec.decode(bytes.slice(at))));
}

function hitNode(hit) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = "/doc/" + encodeURIComponent(hit.id) + (hit.snippet ? "#s" + hit.snippet.sentence : "");
  appendHighlighted(a, hit.title || "(untitled)", 0, hit.title_highlights);
  li.appendChild(a);
  const meta = document.createElement("div");
  meta.className = "meta";
  meta.textContent = [hit.published || "undated", hit.lang, hit.site, hit.source_id]
    .filter(Boolean).join(" · ");
  li.appendChild(meta);
  if (hit.snippet) {
    const p = document.createElement("p");
    p.className = "snippet";
    if (hit.snippet.cut_before) p.appendChild(document.createTextNode("… "));
    appendHighlighted(p, hit.snippet.text, hit.snippet.span.start, hit.snippet.highlights);
    if (hit.snippet.cut_after) p.appendChild(document.createTextNode(" …"));
    li.appendChild(p);
  }
  return li;
}

async function run(params) {
  results.replaceChildren();
  status.textContent = "Searching…";
  const res = await fetch("/api/search?" + params.toString());
  const body = await res.json();
  if (!res.ok) {
    status.textContent = body.message || "search failed";
    return;
  }
  const n = body.hits.length;
  status.textContent = n === 0 ? "No document matches." : n + (n === 1 ? " document" : " documents");
  if (body.unindexed > 0) status.textContent += " (" + body.unindexed + " not indexed yet: run veille update)";
  for (const hit of body.hits) results.appendChild(hitNode(hit));
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const params = new URLSearchParams();
  for (const name of ["q", "lang", "from", "to"]) {
    const v = document.getElementById(name).value.trim();
    if (v) params.set(name, v);
  }
  history.replaceState(null, "", "/search?" + params.toString());
  run(params);
});

// A search in the address bar (/search?q=barda) runs on load.
const initial = new URLSearchParams(location.search);
if (initial.get("q")) {
  for (const [k, v] of initial) {
    const el = document.getElementById(k);
    if (el) el.value = v;
  }
  run(initial);
}
