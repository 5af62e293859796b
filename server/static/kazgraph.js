// kazgraph pages: entity pickers (type-ahead over /search.json) and the charts.
// Data for the charts comes from <script type="application/json"> blocks; text is
// always set with textContent, never as HTML.
(function () {
  "use strict";

  function picker(input) {
    const list = document.getElementById(input.getAttribute("list"));
    const classes = (input.dataset.picker || "").split(" ").filter(Boolean);
    let timer = null;
    let last = "";
    input.addEventListener("input", function () {
      const words = input.value.trim();
      if (words.length < 2 || words === last || words.includes("/")) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = words;
        const params = new URLSearchParams({ q: words, limit: "15" });
        classes.forEach(function (c) { params.append("class", c); });
        fetch(input.dataset.search + "?" + params)
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (hits) {
            list.replaceChildren();
            hits.forEach(function (h) {
              const option = document.createElement("option");
              option.value = h.path ? h.path.replace(/^.*?\/id\//, "") : h.iri;
              option.label = h.label + (h.class ? " (" + h.class + ")" : "");
              option.textContent = option.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* the field still takes a typed IRI or path */ });
      }, 150);
    });
  }

  function textNode(text) {  // charts get elements, so no data is ever parsed as HTML
    const span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function readData(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function drawTimeline() {
    const items = readData("timeline-data");
    const box = document.getElementById("timeline");
    if (!items || !box || !window.vis || !window.vis.Timeline) return;
    const timeline = new window.vis.Timeline(box, new window.vis.DataSet(items.map(function (i) {
      return { id: i.id, content: textNode(i.content), start: i.start, end: i.end };
    })), { stack: true, zoomKey: "ctrlKey", maxHeight: 480 });
    timeline.on("select", function (ev) {
      const item = items.find(function (i) { return i.id === ev.items[0]; });
      if (item && item.href) window.location.href = item.href;
    });
  }

  function drawNetwork() {
    const data = readData("network-data");
    const box = document.getElementById("network");
    if (!data || !box || !window.vis || !window.vis.Network) return;
    const nodes = data.nodes.map(function (n) {
      return { id: n.id, label: n.label, title: textNode(n.label), href: n.href, group: n.group };
    });
    const edges = data.edges.map(function (e) { return { from: e.from, to: e.to, title: e.label ? textNode(e.label) : undefined }; });
    const network = new window.vis.Network(box, { nodes: nodes, edges: edges }, {
      nodes: { shape: "dot", size: 12, font: { size: 14, color: "#1b1f24" } },
      groups: {  // the two ends of a link get two colours (e.g. agreements and parties)
        a: { color: { background: "#0d6e6e", border: "#0a5757" } },
        b: { color: { background: "#d97706", border: "#92400e" }, shape: "square" },
      },
      edges: { color: "#8a939e", smooth: false },
      physics: { stabilization: { iterations: 200 } },
      interaction: { keyboard: true, hover: true },
    });
    network.on("doubleClick", function (ev) {
      const node = nodes.find(function (n) { return n.id === ev.nodes[0]; });
      if (node && node.href) window.location.href = node.href;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-picker]").forEach(picker);
    drawTimeline();
    drawNetwork();
  });
})();
