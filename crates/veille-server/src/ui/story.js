// The story page: summary, figures per claimant over time (inline SVG),
// map of places, timeline, claims with contradictions highlighted, and the
// documents with their reuse links; all from the JSON API, built with DOM
// nodes and textContent only.
"use strict";

const storyId = decodeURIComponent(location.pathname.split("/")[2] || "");
const api = "/api/stories/" + encodeURIComponent(storyId);
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

function sourceLink(src, label) {
  return el("a", { href: sentenceHref(src.doc_id, src.sentence_idx, src.span), title: src.source_id }, label);
}

function renderHeader(story) {
  document.title = story.label + " · veille";
  document.getElementById("title").textContent = story.label;
  const span = [story.first, story.last].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(" – ");
  document.getElementById("meta").textContent =
    [span || "undated", story.n_events + " events", story.n_docs + " documents", story.n_sources + " sources"].join(" · ");
}

function renderSummary(sentences) {
  const ol = document.getElementById("summary");
  if (!sentences.length) {
    ol.replaceWith(el("p", { class: "meta" }, "No summary: the story has no sentence to pick."));
    return;
  }
  for (const s of sentences) {
    ol.appendChild(el("li", {}, s.text + " ",
      el("span", { class: "meta" }, "(", sourceLink({ doc_id: s.doc_id, source_id: s.source_id, sentence_idx: s.sentence_idx, span: s.span }, s.date || s.source_id), ")")));
  }
}

// Figures per claimant over time: one line per series of the chosen kind.
function drawChart(series, kind) {
  const box = document.getElementById("chart");
  const legend = document.getElementById("chart-legend");
  legend.replaceChildren();
  const chosen = series.filter((s) => s.kind === kind)
    .map((s) => ({ s, pts: s.points.filter((p) => !isNaN(dateMs(p.date))) }))
    .filter((x) => x.pts.length)
    .sort((a, b) => b.pts.length - a.pts.length)
    .slice(0, COLORS.length);
  if (!chosen.length) {
    box.replaceChildren(el("p", { class: "meta" }, "No dated figure of this kind."));
    return;
  }
  const W = 720, H = 260, L = 48, R = 12, T = 10, B = 28;
  const all = chosen.flatMap((x) => x.pts);
  let t0 = Math.min(...all.map((p) => dateMs(p.date))), t1 = Math.max(...all.map((p) => dateMs(p.date)));
  if (t1 - t0 < 2 * 864e5) { t0 -= 864e5; t1 += 864e5; }
  const vmax = Math.max(...all.map((p) => p.max || p.min), 1);
  const ly = (v) => Math.log10(1 + v) / Math.log10(1 + vmax);
  const X = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const Y = (v) => H - B - ly(v) * (H - T - B);
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": "figures per claimant over time" });
  for (const v of [1, 10, 100, 1000, 10000, 100000].filter((v) => v <= vmax * 1.01)) {
    svg.appendChild(svgEl("line", { x1: L, x2: W - R, y1: Y(v), y2: Y(v), class: "grid" }));
    const t = svgEl("text", { x: L - 4, y: Y(v) + 4, "text-anchor": "end", class: "axis" });
    t.textContent = String(v);
    svg.appendChild(t);
  }
  for (const [t, anchor] of [[t0, "start"], [(t0 + t1) / 2, "middle"], [t1, "end"]]) {
    const lab = svgEl("text", { x: X(t), y: H - 8, "text-anchor": anchor, class: "axis" });
    lab.textContent = new Date(t).toISOString().slice(0, 10);
    svg.appendChild(lab);
  }
  chosen.forEach(({ s, pts }, i) => {
    const color = COLORS[i];
    const sorted = pts.slice().sort((a, b) => dateMs(a.date) - dateMs(b.date));
    if (sorted.length > 1) {
      svg.appendChild(svgEl("polyline", {
        points: sorted.map((p) => X(dateMs(p.date)).toFixed(1) + "," + Y(p.min).toFixed(1)).join(" "),
        fill: "none", stroke: color, "stroke-width": 2,
      }));
    }
    for (const p of sorted) {
      const a = svgEl("a", { href: sentenceHref(p.source.doc_id, p.source.sentence_idx, p.source.span) });
      const c = svgEl("circle", { cx: X(dateMs(p.date)).toFixed(1), cy: Y(p.min).toFixed(1), r: 5, fill: color, class: "point" });
      const title = svgEl("title");
      title.textContent = s.claimant_text + ": " + figureText(p.min, p.max, p.approximate) + " " + s.kind +
        (s.victims ? " " + s.victims : "") + " (" + p.date + ") — " + p.sentence;
      c.appendChild(title);
      a.appendChild(c);
      svg.appendChild(a);
    }
    legend.appendChild(el("li", {}, el("span", { class: "swatch", style: "background:" + color }),
      s.claimant_text + (s.claimant !== s.claimant_text ? " (" + s.claimant + ")" : "") + " — " +
      s.kind + (s.victims ? " " + s.victims : "") + (s.side ? " (" + s.side + ")" : "") +
      (s.scope ? " in " + (s.scope_name || s.scope) : "") + (s.setting ? " (" + s.setting + ")" : "") + ": " +
      sorted.map((p) => figureText(p.min, p.max, p.approximate)).join(" → ")));
  });
  box.replaceChildren(svg);
}

function renderChart(series) {
  const select = document.getElementById("chart-kind");
  const kinds = [...new Set(series.map((s) => s.kind))];
  if (!kinds.length) {
    document.getElementById("chart").replaceChildren(el("p", { class: "meta" }, "No figure in this story."));
    select.disabled = true;
    return;
  }
  kinds.sort((a, b) => (a === "killed" ? -1 : b === "killed" ? 1 : a.localeCompare(b)));
  select.replaceChildren(...kinds.map((k) => el("option", { value: k }, k)));
  select.addEventListener("change", () => drawChart(series, select.value));
  drawChart(series, kinds[0]);
}

// Places as dots on the world map, zoomed to them; sized by documents.
function renderMap(places) {
  const svg = document.querySelector("#map svg");
  const marks = svg.querySelector("g.marks");
  const located = places.filter((p) => typeof p.lat === "number" && typeof p.lon === "number");
  const list = document.getElementById("places");
  list.replaceChildren(...places.flatMap((p, i) => [i ? ", " : "",
    el("a", { href: "/entity/" + p.id }, p.canonical), " (" + p.docs + ")"]));
  if (!places.length) list.textContent = "No place named.";
  if (!located.length) return;
  const xs = located.map((p) => (p.lon + 180) * 10), ys = located.map((p) => (90 - p.lat) * 10);
  let x0 = Math.min(...xs) - 60, x1 = Math.max(...xs) + 60, y0 = Math.min(...ys) - 60, y1 = Math.max(...ys) + 60;
  let w = Math.max(x1 - x0, 300), h = Math.max(y1 - y0, 150);
  if (w < 2 * h) w = 2 * h; else h = w / 2;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  svg.setAttribute("viewBox", `${(cx - w / 2).toFixed(0)} ${(cy - h / 2).toFixed(0)} ${w.toFixed(0)} ${h.toFixed(0)}`);
  const maxDocs = Math.max(...located.map((p) => p.docs));
  const unit = w / 150;
  located.forEach((p, i) => {
    const a = svgEl("a", { href: "/entity/" + p.id });
    const c = svgEl("circle", { cx: xs[i], cy: ys[i], r: (unit * (0.6 + Math.sqrt(p.docs / maxDocs))).toFixed(1), class: "place" });
    const t = svgEl("title");
    t.textContent = p.canonical + (p.country ? " (" + p.country + ")" : "") + ": " + p.docs + " documents, " + p.mentions + " mentions";
    c.appendChild(t);
    a.appendChild(c);
    if (p.precision !== "country") {
      const label = svgEl("text", { x: xs[i] + unit * 1.8, y: ys[i] + unit * 0.6, class: "place-label", "font-size": (unit * 2.2).toFixed(1) });
      label.textContent = p.canonical;
      a.appendChild(label);
    }
    marks.appendChild(a);
  });
}

function renderTimeline(entries) {
  const ol = document.getElementById("timeline");
  if (!entries.length) {
    ol.replaceWith(el("p", { class: "meta" }, "No dated entry."));
    return;
  }
  for (const e of entries) {
    const date = e.date ? e.date.value + (e.date.from && e.date.from !== "sentence" ? " (" + e.date.from + ")" : "") : "undated";
    const head = el("div", { class: "entry-head" }, el("strong", {}, date));
    if (e.event_type) head.appendChild(el("span", { class: "tag" }, e.event_type.replace(/_/g, " ")));
    if (e.place) {
      head.appendChild(e.place.entity !== null && e.place.entity !== undefined
        ? el("a", { href: "/entity/" + e.place.entity, class: "place-name" }, e.place.name)
        : el("span", { class: "place-name" }, e.place.name));
    }
    const li = el("li", {}, head);
    for (const c of e.claims) {
      li.appendChild(el("div", { class: "claim" },
        sourceLink(c.source, figureText(c.min, c.max, c.approximate) + " " + c.kind + (c.victims && c.victims.category ? " " + c.victims.category : "")),
        " — " + (c.claimant || "unattributed") + (c.accused ? ", blaming " + c.accused : "") +
        (c.copies.length ? " (+" + c.copies.length + " copies)" : "")));
    }
    for (const s of e.stances) {
      li.appendChild(el("div", { class: "claim" }, sourceLink(s.source, s.kind), " — " + s.actor + (s.target ? " → " + s.target : "") + ": " + s.content));
    }
    for (const s of e.sentences.slice(0, 2)) {
      li.appendChild(el("blockquote", {}, s.text + " ", sourceLink(s.source, "[" + s.source.source_id + "]"),
        s.copies.length ? el("span", { class: "meta" }, " +" + s.copies.length + " copies") : null));
    }
    ol.appendChild(li);
  }
}

// A key naming one figure of one document, as facts and contradictions give it.
const figureKey = (docId, span) => docId + ":" + span.start + "-" + span.end;

function renderClaims(facts, contradictions) {
  const against = new Map();
  for (const c of contradictions) {
    for (const side of [c.a, c.b]) {
      const k = figureKey(side.source.doc_id, side.source.span);
      if (!against.has(k)) against.set(k, []);
      against.get(k).push(c.summary);
    }
  }
  const box = document.getElementById("claims");
  if (!facts.length) {
    box.replaceChildren(el("p", { class: "meta" }, "No casualty figure in this story."));
  } else {
    const rows = facts.map((f) => {
      const k = figureKey(f.doc_id, f.span);
      const contra = against.get(k);
      const date = f.date ? f.date.value : f.published || "";
      const victims = [f.victims.category, f.victims.side].filter(Boolean).join(", ");
      return el("tr", { class: contra ? "contradicted" : null, title: contra ? "contradicted: " + contra.join("; ") : null },
        el("td", { class: "num" }, date),
        el("td", {}, f.claimed_by ? f.claimed_by.text : "unattributed"),
        el("td", { class: "num" }, el("a", { href: sentenceHref(f.doc_id, f.sentence_idx, f.span) },
          figureText(f.min, f.max, f.approximate))),
        el("td", {}, f.kind + (f.cumulative ? " (toll)" : "")),
        el("td", {}, victims),
        el("td", {}, f.accused ? f.accused.text : ""),
        el("td", {}, f.place || ""),
        el("td", {}, el("a", { href: "/doc/" + f.doc_id }, f.doc)));
    });
    box.replaceChildren(el("table", { class: "grid", id: "claims-table" },
      el("thead", {}, el("tr", {}, ...["date", "claimant", "figure", "kind", "victims", "blames", "place", "document"].map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows)));
  }
  const ul = document.getElementById("contradictions");
  if (!contradictions.length) ul.replaceWith(el("p", { class: "meta" }, "No contradiction found."));
  for (const c of contradictions) {
    const side = (s) => el("span", {}, s.claimant + ": ", sourceLink(s.source, s.says), s.date ? " (" + s.date + ")" : "");
    ul.appendChild(el("li", {}, el("span", { class: "tag" }, (c.about || c.kind).replace(/_/g, " ")), side(c.a), " vs ", side(c.b)));
  }
}

function renderDocuments(story, docs) {
  const byEvent = new Map();
  for (const d of docs) {
    if (!byEvent.has(d.event)) byEvent.set(d.event, []);
    byEvent.get(d.event).push(d);
  }
  const box = document.getElementById("documents");
  box.replaceChildren();
  for (const ev of story.events) {
    const span = [ev.first, ev.last].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(" – ");
    box.appendChild(el("h3", {}, ev.label + " ", el("span", { class: "meta" }, (span || "undated") + " · " + ev.n_docs + " documents")));
    const ul = el("ul", { class: "docs" });
    for (const d of byEvent.get(ev.id) || []) {
      const li = el("li", {}, el("a", { href: "/doc/" + d.id }, d.title || d.source_id),
        el("span", { class: "meta" }, " " + [d.published || "undated", d.site, d.source_id].filter(Boolean).join(" · ")));
      for (const r of d.reuse_sources) {
        li.appendChild(el("div", { class: "reuse-link" }, "copies " + r.sentences + " sentences (" + r.verbatim + " verbatim) from ",
          el("a", { href: "/doc/" + r.source }, r.other_title || r.other_source_id)));
      }
      for (const r of d.reused_by) {
        li.appendChild(el("div", { class: "reuse-link" }, "copied (" + r.sentences + " sentences) by ",
          el("a", { href: "/doc/" + r.doc }, r.other_title || r.other_source_id)));
      }
      ul.appendChild(li);
    }
    box.appendChild(ul);
  }
}

(async function () {
  let story;
  try {
    story = await getJSON(api);
  } catch (e) {
    document.getElementById("title").textContent = "No such story";
    showError(document.querySelector("main"), e);
    return;
  }
  renderHeader(story);
  // each part loads on its own: one failing leaves the others
  const part = (url, boxId, render) => getJSON(url).then(render).catch((e) => showError(document.getElementById(boxId), e));
  await Promise.all([
    part(api + "/summary?n=5", "summary-box", renderSummary),
    part(api + "/tolls", "chart-box", renderChart),
    part(api + "/entities?kind=place&limit=200", "map-box", renderMap),
    part(api + "/timeline", "timeline-box", renderTimeline),
    Promise.all([getJSON("/api/facts?story=" + encodeURIComponent(story.id) + "&limit=500"), getJSON(api + "/contradictions")])
      .then(([f, c]) => renderClaims(f, c)).catch((e) => showError(document.getElementById("claims-box"), e)),
    part(api + "/documents", "docs-box", (docs) => renderDocuments(story, docs)),
  ]);
  document.body.dataset.ready = "1";
})();
