/* The case page's procedure diagram: fetches the diagrams of the case's pinned procedure
   version (JSON from /zaken/<id>/diagram), draws each with the bpmn-js viewer (served
   from npm by web/assets.py) and marks completed and current steps with CSS classes.
   No inline script or style: the Content-Security-Policy forbids both. The list of steps
   under the diagram is the text alternative; the drawing itself is hidden from screen
   readers. */
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

  function draw(holder, diagram, data) {
    var box = document.createElement("div");
    box.className = "toelating-diagram__canvas";
    box.setAttribute("data-diagram", diagram.name);
    holder.appendChild(box);
    var viewer = new window.BpmnJS({ container: box });
    return viewer.importXML(diagram.xml).then(function () {
      viewer.get("canvas").zoom("fit-viewport");
      mark(viewer, data.completed, "toelating-step--done");
      mark(viewer, data.current, "toelating-step--current");
    });
  }

  function show(holder) {
    var status = document.createElement("p");
    status.className = "utrecht-paragraph";
    status.textContent = holder.getAttribute("data-loading");
    holder.appendChild(status);
    holder.setAttribute("aria-hidden", "true");
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
      holder.removeAttribute("aria-hidden");
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
