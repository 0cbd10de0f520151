// The entity page: /api/entities/{id} with its mentions grouped by
// document, the name marked in each sentence (textContent only).
"use strict";

// `text` with the first occurrence of `surface` in a <mark>.
function marked(text, surface) {
  const at = surface ? text.indexOf(surface) : -1;
  if (at < 0) return el("span", {}, text);
  return el("span", {}, text.slice(0, at), el("mark", {}, surface), text.slice(at + surface.length));
}

(async function () {
  const id = decodeURIComponent(location.pathname.split("/")[2] || "");
  const box = document.getElementById("mentions");
  let page;
  try {
    page = await getJSON("/api/entities/" + encodeURIComponent(id) + "?limit=300");
  } catch (e) {
    document.getElementById("title").textContent = "No such entity";
    showError(box, e);
    return;
  }
  const e = page.entity;
  document.title = e.canonical + " · veille";
  document.getElementById("title").textContent = e.canonical;
  const coords = typeof e.lat === "number" ? e.lat.toFixed(3) + ", " + e.lon.toFixed(3) : null;
  document.getElementById("meta").textContent = [e.kind, e.country, coords, e.precision,
    e.docs + " documents", e.mentions + " mentions"].filter(Boolean).join(" · ");
  document.getElementById("aliases").replaceChildren(el("span", { class: "meta" }, "Written: "), e.aliases.join(", "));
  const byDoc = new Map();
  for (const m of page.mentions) {
    if (!byDoc.has(m.doc)) byDoc.set(m.doc, []);
    byDoc.get(m.doc).push(m);
  }
  box.replaceChildren();
  for (const [doc, ms] of byDoc) {
    const first = ms[0];
    box.appendChild(el("h3", {}, el("a", { href: "/doc/" + doc }, first.title || first.source_id), " ",
      el("span", { class: "meta" }, first.published || "undated")));
    const ul = el("ul", { class: "mentions" });
    const seen = new Set();
    for (const m of ms) {
      if (seen.has(m.sentence)) continue;
      seen.add(m.sentence);
      ul.appendChild(el("li", {}, el("a", { href: sentenceHref(doc, m.sentence, m.span), class: "mention" }, marked(m.sentence_text || m.surface, m.surface))));
    }
    box.appendChild(ul);
  }
  if (!page.mentions.length) box.textContent = "No mention.";
  if (page.mentions.length >= 300) box.appendChild(el("p", { class: "meta" }, "The first 300 mentions."));
})();
