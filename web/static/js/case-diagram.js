/* The case page's procedure diagram: fetches the diagrams of the case's pinned procedure
   version (JSON from /zaken/<id>/diagram), draws each with the bpmn-js viewer (served
   from npm by web/assets.py) and marks completed and current steps with CSS classes.
   No inline script or style: the Content-Security-Policy forbids both. The list of steps
   under the diagram is its text alternative; each drawing is a labelled group that keeps
   bpmn-js's keyboard focus (arrow keys move the view). */
(function () {
  "use strict";

  function mark(viewer, ids, cls) {
    var registry = viewer.get("elementRegistry");
    var canvas = viewer.get("canvas");
    ids.forEach(function (id) {
      if (registry.get(id)) {
        canvas.addMarker(id, cls);
      }
    });
  }

  /* A wide diagram fitted to the box gets too small to read: then show the current
     step (a user task first) at a readable scale; the view can still be moved. */
  function focus(viewer, ids) {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    var found = ids.map(function (id) { return registry.get(id); }).filter(Boolean);
    var tasks = found.filter(function (el) { return el.type === "bpmn:UserTask"; });
    var el = tasks[0] || found[0];
    if (!el || canvas.zoom() >= 0.6) { return; }
    var outer = canvas.viewbox().outer;
    var width = outer.width / 0.8;
    var height = outer.height / 0.8;
    canvas.viewbox({ x: el.x + el.width / 2 - width / 2, y: el.y + el.height / 2 - height / 2,
                     width: width, height: height });
  }

  function draw(holder, diagram, data) {
    var title = document.createElement("h3");
    title.className = "utrecht-heading-3";
    title.textContent = diagram.title;
    holder.appendChild(title);
    var box = document.createElement("div");
    box.className = "toelating-diagram__canvas";
    box.setAttribute("data-diagram", diagram.name);
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", holder.getAttribute("data-label") + ": " + diagram.title);
    box.setAttribute("aria-describedby", holder.getAttribute("data-described-by"));
    holder.appendChild(box);
    var viewer = new window.BpmnJS({ container: box });
    return viewer.importXML(diagram.xml).then(function () {
      viewer.get("canvas").zoom("fit-viewport");
      mark(viewer, data.completed, "toelating-step--done");
      mark(viewer, data.current, "toelating-step--current");
      focus(viewer, data.current);
    });
  }

  function show(holder) {
    var status = document.createElement("p");
    status.className = "utrecht-paragraph";
    status.textContent = holder.getAttribute("data-loading");
    holder.appendChild(status);
    fetch(holder.getAttribute("data-diagram-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    }).then(function (data) {
      holder.removeChild(status);
      return Promise.all(data.diagrams.map(function (d) { return draw(holder, d, data); }));
    }).then(function () {
      holder.setAttribute("data-drawn", "true");
    }).catch(function () {
      status.textContent = holder.getAttribute("data-failed");
    });
  }

  function start() {
    if (typeof window.BpmnJS !== "function" || !window.fetch) { return; }
    document.querySelectorAll("[data-diagram-url]").forEach(show);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
