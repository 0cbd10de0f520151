// The story list: /api/stories as a table with sparklines.
"use strict";

(async function () {
  const box = document.getElementById("stories");
  try {
    // single-document stories are many on a real feed: shown on request (?all)
    const all = new URLSearchParams(location.search).has("all");
    const stories = await getJSON("/api/stories?limit=200&min_docs=" + (all ? 1 : 2));
    document.getElementById("scope").replaceChildren(all
      ? el("a", { href: "/" }, "only stories of two documents or more")
      : el("a", { href: "/?all" }, "also single-document stories"));
    if (!stories.length) {
      box.replaceChildren(el("p", {}, all
        ? "No story yet: ingest articles (veille ingest) and they are clustered as they come."
        : "No story of two documents or more yet."));
      return;
    }
    const rows = stories.map((s) =>
      el("tr", {},
        el("td", {}, el("a", { href: "/story/" + s.id }, s.label || "story " + s.id)),
        el("td", { class: "num" }, [s.first, s.last].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(" – ") || "undated"),
        el("td", {}, sparkline(s.daily, 120, 24)),
        el("td", { class: "num" }, s.n_docs),
        el("td", { class: "num" }, s.n_sources),
        el("td", { class: "num" }, s.n_events)));
    box.replaceChildren(
      el("table", { class: "grid", id: "story-list" },
        el("thead", {}, el("tr", {}, ...["story", "dates", "per day", "documents", "sources", "events"].map((h) => el("th", {}, h)))),
        el("tbody", {}, ...rows)));
  } catch (e) {
    showError(box, e);
  }
})();
