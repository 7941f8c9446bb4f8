#!/usr/bin/env python3
"""Generate BPMN diagram interchange (DI) for hand-written BPMN 2.0 files.

Usage: python tools/bpmn_layout.py FILE.bpmn [FILE2 ...]   (rewrites in place; .dmn is skipped)

Existing bpmndi:BPMNDiagram elements are dropped and regenerated from the process
semantics alone, so running the tool twice yields identical bytes. Standalone on
purpose (lxml + stdlib only) so it can run outside the project environment.
"""
import re
import sys
from collections import defaultdict
from pathlib import Path

from lxml import etree

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"

EVENTS = {"startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
          "boundaryEvent"}
GATEWAYS = {"exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
            "complexGateway"}
SUBPROCESSES = {"subProcess", "adHocSubProcess", "transaction"}
ACTIVITIES = {"userTask", "manualTask", "scriptTask", "serviceTask", "businessRuleTask", "sendTask",
              "receiveTask", "task", "callActivity"} | SUBPROCESSES
FLOW_NODES = EVENTS | GATEWAYS | ACTIVITIES

COL_W = 150      # horizontal distance between rank columns
ROW_H = 140      # vertical slot per stacked node; leaves room below for boundary events
BAND_PAD = 15    # extra space at top and bottom of every lane band
HEADER = 30      # pool / lane label strip on the left
MARGIN = 30      # gap between the lane header and the first column
POOL_X, TOP_Y, POOL_GAP = 120, 80, 40


def q(ns, tag):
    return f"{{{ns}}}{tag}"


def kind(el):
    """Local name of a BPMN-namespace element; None for comments, PIs and extensions."""
    if isinstance(el.tag, str) and el.tag.startswith(f"{{{BPMN}}}"):
        return etree.QName(el).localname
    return None


def size(tag):
    return (36, 36) if tag in EVENTS else (50, 50) if tag in GATEWAYS else (100, 80)


def rank_nodes(order, succ):
    """DFS to find back edges, then longest-path layering over the remaining DAG.

    Reverse DFS post-order is a topological order once back edges are ignored."""
    state, pre, post, back = {}, [], [], set()

    def visit(v):
        state[v] = 1
        pre.append(v)
        for w in succ[v]:
            if state.get(w) == 1:
                back.add((v, w))
            elif w not in state:
                visit(w)
        state[v] = 2
        post.append(v)

    for v in order:
        if v not in state:
            visit(v)
    rank = dict.fromkeys(order, 0)
    for v in reversed(post):
        for w in succ[v]:
            if (v, w) not in back:
                rank[w] = max(rank[w], rank[v] + 1)
    return rank, {v: i for i, v in enumerate(pre)}, back


def hits(points, boxes):
    """True if any axis-aligned segment of the polyline crosses or grazes (2px) a box."""
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        lx, hx, ly, hy = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
        if any(lx < bx + bw + 2 and hx > bx - 2 and ly < by + bh + 2 and hy > by - 2
               for bx, by, bw, bh in boxes):
            return True
    return False


def route(sb, tb, back, split, join, bslot, obstacles):
    """Orthogonal waypoints from box sb to box tb (boxes are x, y, w, h).

    Candidates go from prettiest to safest; the first that crosses no other shape wins.
    The last one only uses the free channels between columns / rows, so it is the fallback."""
    sx, sy, sw, sh = sb
    tx, ty, tw, th = tb
    scx, scy, tcx, tcy = sx + sw / 2, sy + sh / 2, tx + tw / 2, ty + th / 2
    after_src, before_tgt = scx + COL_W / 2, tcx - COL_W / 2  # inter-column channels
    over = min(scy, tcy) - 55  # above the tallest shape (task, 80 high) of the row
    if bslot is not None:  # boundary event: leave downwards, then go right
        y = sy + sh + 8 + 8 * bslot  # siblings on one host get their own horizontal track
        cands = [[(scx, sy + sh), (scx, tcy), (tx, tcy)]] if tcy > sy + sh else []
        cands.append([(scx, sy + sh), (scx, y), (before_tgt, y), (before_tgt, tcy), (tx, tcy)])
    elif sb == tb:  # self-loop: out right, back in over the top
        x, y = sx + sw + 20, sy - 15
        cands = [[(sx + sw, scy), (x, scy), (x, y), (scx, y), (scx, sy)]]
    elif back and abs(tcy - scy) < ROW_H / 2:  # same row: over the top (boundary events sit below)
        cands = [[(scx, sy), (scx, over), (tcx, over), (tcx, ty)]]
    elif back:  # other row: via the gap between the target's row and the next, entering from there
        y, end = (tcy + 72, ty + th) if tcy < scy else (tcy - 55, ty)  # +72: below boundary events
        cands = [[(scx, sy if tcy < scy else sy + sh), (scx, y), (tcx, y), (tcx, end)],
                 [(sx + sw, scy), (after_src, scy), (after_src, y), (tcx, y), (tcx, end)]]
    elif abs(tcy - scy) < 1:
        cands = [[(sx + sw, scy), (tx, tcy)], [(scx, sy), (scx, over), (tcx, over), (tcx, ty)]]
    else:
        cands = []
        if split:  # bpmn-js style: branches leave a split gateway from top/bottom ...
            cands.append([(scx, sy + sh if tcy > scy else sy), (scx, tcy), (tx, tcy)])
        if join:  # ... and enter a join gateway from top/bottom (never both on one side)
            cands.append([(sx + sw, scy), (tcx, scy), (tcx, ty if tcy > scy else ty + th)])
        cands += [[(sx + sw, scy), (x, scy), (x, tcy), (tx, tcy)] for x in (before_tgt, after_src)]
    return next((c for c in cands if not hits(c, obstacles)), cands[-1])


def shift(pts, i, d):
    """Move segment i of a route sideways by d; None if the route would stop being orthogonal."""
    axis = 0 if pts[i][0] == pts[i + 1][0] else 1
    moved = [tuple(v + d if k == axis and j in (i, i + 1) else v for k, v in enumerate(p))
             for j, p in enumerate(pts)]
    ok = all(p[0] == n[0] or p[1] == n[1] for p, n in zip(moved, moved[1:], strict=False))
    return moved if ok else None


def place_in_bands(main, lanes, rank, pre, flows, host):
    """Map node id -> (band index, slot), stacking same-rank nodes of one lane vertically.

    Band len(lanes) holds nodes outside every lane. Nodes reached only from boundary
    events start one slot lower, so their flow drops straight down from the event."""
    lane_of = {r: idx for idx, (_, refs) in reversed(list(enumerate(lanes))) for r in refs}
    targets = {f.get("targetRef") for f in flows if f.get("sourceRef") not in host}
    boundary_only = {f.get("targetRef") for f in flows if f.get("sourceRef") in host} - targets
    cells = defaultdict(list)
    for i in sorted(main, key=lambda i: (i in boundary_only, pre[i])):
        cells[(lane_of.get(i, len(lanes)), rank[i])].append(i)
    offsets = {cell: int(ids[0] in boundary_only) for cell, ids in cells.items()}
    return {i: (cell[0], slot + offsets[cell])
            for cell, ids in cells.items() for slot, i in enumerate(ids)}


def make_bands(lanes, bpos, y0):
    """One band per lane (plus one for lane-less nodes); returns [(lane, y, h)], total height."""
    rows = defaultdict(lambda: 1)
    for band, slot in bpos.values():
        rows[band] = max(rows[band], slot + 1)
    count = len(lanes) + (not lanes or any(b == len(lanes) for b, _ in bpos.values()))
    bands, y = [], y0
    for b in range(count):
        bands.append((lanes[b][0] if b < len(lanes) else None, y, rows[b] * ROW_H + 2 * BAND_PAD))
        y += bands[-1][2]
    return bands, y - y0


class Plane:
    """Collects shapes/edges for one BPMNPlane and lays out flow-node containers into it."""

    def __init__(self, element_id, subplanes):
        self.element_id, self.subplanes = element_id, subplanes
        self.shapes, self.edges, self.boxes, self.bslot = [], [], {}, {}
        self.segments = []  # (axis, coordinate, lo, hi, src, tgt) of every routed segment

    def shape(self, el_id, box, **attrs):
        self.shapes.append((el_id, box, attrs))
        self.boxes[el_id] = box

    def layout_container(self, container, x0, y0, lanes):
        """Place a process/subProcess's flow nodes at (x0, y0); returns (bands, width, height)."""
        nodes = {el.get("id"): el for el in container if kind(el) in FLOW_NODES and el.get("id")}
        host = {i: el.get("attachedToRef") for i, el in nodes.items()
                if kind(el) == "boundaryEvent" and el.get("attachedToRef") in nodes}
        main = [i for i in nodes if i not in host]
        flows = [f for f in container if kind(f) == "sequenceFlow"
                 and f.get("sourceRef") in nodes and f.get("targetRef") in main]
        succ, indeg = {i: [] for i in main}, defaultdict(int)
        for f in flows:  # a boundary event's flows count as leaving its host (ranking only)
            succ[host.get(f.get("sourceRef"), f.get("sourceRef"))].append(f.get("targetRef"))
            indeg[f.get("targetRef")] += 1
        # DFS roots: start events, then other nodes without incoming flow, then the rest (cycles)
        order = sorted(main, key=lambda i: (kind(nodes[i]) != "startEvent", indeg[i] > 0))
        rank, pre, back = rank_nodes(order, succ)
        bpos = place_in_bands(main, lanes, rank, pre, flows, host)
        bands, height = make_bands(lanes, bpos, y0)
        for i in main:
            band, slot = bpos[i]
            w, h = size(kind(nodes[i]))
            cx = x0 + 50 + rank[i] * COL_W
            cy = bands[band][1] + BAND_PAD + slot * ROW_H + 65  # detours above, boundaries below
            self.add_node(nodes[i], (cx - w // 2, cy - h // 2, w, h))
        count = defaultdict(int)  # boundary events: bottom edge, right corner, then left corner
        for b, h in host.items():
            hx, hy, hw, hh = self.boxes[h]
            self.bslot[b], count[h] = count[h], count[h] + 1
            self.shape(b, (hx + hw - 40 - 56 * self.bslot[b], hy + hh - 18, 36, 36))
        for f in flows:
            src, tgt = f.get("sourceRef"), f.get("targetRef")
            others = [self.boxes[i] for i in nodes if i not in (src, tgt, host.get(src))]
            split = kind(nodes[src]) in GATEWAYS and len(succ.get(src, ())) > 1
            join = kind(nodes[tgt]) in GATEWAYS and indeg[tgt] > 1
            pts = route(self.boxes[src], self.boxes[tgt], (host.get(src, src), tgt) in back,
                        split, join, self.bslot.get(src), others)
            self.edges.append((f.get("id"), self.separate(pts, src, tgt, others)))
        return bands, max(rank.values(), default=0) * COL_W + 100, height

    def separate(self, pts, src, tgt, obstacles):
        """Nudge inner segments off the lines of unrelated edges sharing the same channel.

        Two flows overlapping on (or continuing) one line look like a junction between them."""
        for i in range(1, len(pts) - 2):
            options = [(self.conflicts(m, src, tgt), m) for d in (0, -10, 10, -20, 20)
                       if (m := shift(pts, i, d)) and (not d or not hits(m, obstacles))]
            pts = min(options, key=lambda o: o[0])[1]  # ties keep the smallest shift
        for a, b in zip(pts, pts[1:], strict=False):
            axis = 0 if a[0] == b[0] else 1
            self.segments.append((axis, a[axis], *sorted((a[1 - axis], b[1 - axis])), src, tgt))
        return pts

    def conflicts(self, pts, src, tgt):
        """Collinear overlaps/touches with segments of edges sharing neither source nor target."""
        count = 0
        for a, b in zip(pts, pts[1:], strict=False):
            axis = 0 if a[0] == b[0] else 1
            lo, hi = sorted((a[1 - axis], b[1 - axis]))
            count += sum(ax == axis and abs(c - a[axis]) < 4 and lo <= hi2 and lo2 <= hi
                         and s != src and t != tgt for ax, c, lo2, hi2, s, t in self.segments)
        return count

    def add_node(self, el, box):
        attrs = {"isMarkerVisible": "true"} if kind(el) == "exclusiveGateway" else {}
        if kind(el) in SUBPROCESSES:  # collapsed here; its content gets a plane of its own
            attrs["isExpanded"] = "false"
            self.subplanes.append(el)
        self.shape(el.get("id"), box, **attrs)


def lane_list(process):
    """Top-level lanes of a process as (lane element, [flowNodeRef ids])."""
    lane_set = process.find(q(BPMN, "laneSet"))
    if lane_set is None:
        return []
    return [(lane, [r.text.strip() for r in lane.iterfind(q(BPMN, "flowNodeRef")) if r.text])
            for lane in lane_set.iterfind(q(BPMN, "lane"))]


def layout_collaboration(collab, processes, subplanes):
    """Stack one pool per participant; every pool gets the width of the widest one."""
    plane, pools, y = Plane(collab.get("id"), subplanes), [], TOP_Y
    for part in collab.iterfind(q(BPMN, "participant")):
        proc = processes.get(part.get("processRef"))
        lanes = lane_list(proc) if proc is not None else []
        x0 = POOL_X + HEADER + (HEADER if lanes else 0) + MARGIN
        if proc is None:  # black-box pool
            bands, width, height = [], 0, 100
        else:
            bands, width, height = plane.layout_container(proc, x0, y, lanes)
        pools.append((part, bands, y, height, x0 + width))
        y += height + POOL_GAP
    right = max((p[4] for p in pools), default=POOL_X + 300) + MARGIN
    nodes, plane.shapes = plane.shapes, []  # pools and lanes first: they are drawn underneath
    for part, bands, py, height, _ in pools:
        plane.shape(part.get("id"), (POOL_X, py, right - POOL_X, height), isHorizontal="true")
        for lane, by, bh in (b for b in bands if b[0] is not None):
            box = (POOL_X + HEADER, by, right - POOL_X - HEADER, bh)
            plane.shape(lane.get("id"), box, isHorizontal="true")
    plane.shapes += nodes
    pids = {p[0].get("id") for p in pools}
    for mf in collab.iterfind(q(BPMN, "messageFlow")):
        src, tgt = mf.get("sourceRef"), mf.get("targetRef")
        if src in plane.boxes and tgt in plane.boxes:  # an end inside a collapsed subprocess: no DI
            pts = route_message(plane.boxes[src], plane.boxes[tgt], src in pids, tgt in pids)
            plane.edges.append((mf.get("id"), pts))
    return plane


def route_message(sb, tb, s_pool, t_pool):
    """Message flows go vertically between pools with one horizontal jog halfway.

    A pool end (all pools share one width) simply takes the x of the other end."""
    scx, tcx = sb[0] + sb[2] / 2, tb[0] + tb[2] / 2
    scx, tcx = (tcx if s_pool else scx), (scx if t_pool else tcx)
    y1, y2 = (sb[1] + sb[3], tb[1]) if tb[1] > sb[1] else (sb[1], tb[1] + tb[3])
    return [(scx, y1), (scx, (y1 + y2) / 2), (tcx, (y1 + y2) / 2), (tcx, y2)]


def layout_plain(container, subplanes):
    """A process or subprocess without pool: a single band, no lanes."""
    plane = Plane(container.get("id"), subplanes)
    plane.layout_container(container, POOL_X + MARGIN, TOP_Y, [])
    return plane


def make_collaboration(processes):
    """bpmn-js only draws lanes inside a participant, so wrap each process in a pool."""
    collab = etree.Element(q(BPMN, "collaboration"), id=f"Collaboration_{processes[0].get('id')}")
    for p in processes:
        name = {"name": p.get("name")} if p.get("name") else {}
        etree.SubElement(collab, q(BPMN, "participant"), id=f"Participant_{p.get('id')}", **name,
                         processRef=p.get("id"))
    processes[0].addprevious(collab)
    return collab


def emit(root, plane):
    num = lambda v: str(int(round(v)))  # noqa: E731 - integer coordinates keep the output stable
    diagram = etree.SubElement(root, q(BPMNDI, "BPMNDiagram"), id=f"BPMNDiagram_{plane.element_id}")
    pl = etree.SubElement(diagram, q(BPMNDI, "BPMNPlane"), id=f"BPMNPlane_{plane.element_id}",
                          bpmnElement=plane.element_id)
    for el_id, (x, y, w, h), attrs in plane.shapes:
        s = etree.SubElement(pl, q(BPMNDI, "BPMNShape"), id=f"{el_id}_di", bpmnElement=el_id,
                             **attrs)
        etree.SubElement(s, q(DC, "Bounds"), x=num(x), y=num(y), width=num(w), height=num(h))
    for el_id, pts in plane.edges:
        e = etree.SubElement(pl, q(BPMNDI, "BPMNEdge"), id=f"{el_id}_di", bpmnElement=el_id)
        for x, y in pts:
            etree.SubElement(e, q(DI, "waypoint"), x=num(x), y=num(y))


def layout(xml: bytes) -> bytes:
    """Return `xml` (a BPMN file) with freshly generated DI; all other content is kept."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    root = etree.fromstring(xml, parser)
    for old in root.findall(q(BPMNDI, "BPMNDiagram")):
        root.remove(old)
    processes = root.findall(q(BPMN, "process"))
    collab = root.find(q(BPMN, "collaboration"))
    if collab is None and any(lane_list(p) for p in processes):
        collab = make_collaboration(processes)
    subplanes: list = []  # subprocesses still waiting for a plane of their own
    planes, pooled = [], set()
    if collab is not None:
        planes.append(layout_collaboration(collab, {p.get("id"): p for p in processes}, subplanes))
        pooled = {p.get("processRef") for p in collab.iterfind(q(BPMN, "participant"))}
    planes += [layout_plain(p, subplanes) for p in processes if p.get("id") not in pooled]
    while subplanes:  # grows while nested subprocesses are discovered
        planes.append(layout_plain(subplanes.pop(0), subplanes))
    for plane in planes:
        emit(root, plane)
    # Declare the DI prefixes once on the root rather than on every generated element;
    # keep the input's own declarations even if unused.
    etree.cleanup_namespaces(root, top_nsmap={"bpmndi": BPMNDI, "dc": DC, "di": DI},
                             keep_ns_prefixes=[p for p in root.nsmap if p])
    etree.indent(root, space="  ")
    return serialize(root, xml)


def serialize(root, original):
    """Keep the input's XML declaration verbatim; top-level comments/PIs one per line."""
    tree = root.getroottree()
    decl = re.match(rb"\s*(<\?xml[^>]*\?>)", original)
    parts = [decl.group(1) if decl else b'<?xml version="1.0" encoding="UTF-8"?>']
    parts += [tree.docinfo.doctype.encode()] if tree.docinfo.doctype else []
    enc = tree.docinfo.encoding or "UTF-8"
    before = reversed(list(root.itersiblings(preceding=True)))
    parts += [etree.tostring(n, encoding=enc, with_tail=False) for n in before]
    parts.append(etree.tostring(root, encoding=enc, xml_declaration=False, with_tail=False))
    parts += [etree.tostring(n, encoding=enc, with_tail=False) for n in root.itersiblings()]
    return b"\n".join(parts) + b"\n"


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for path in map(Path, argv):
        if path.suffix.lower() == ".dmn":
            print(f"skip {path} (DMN needs no layout)")
            continue
        path.write_bytes(layout(path.read_bytes()))
        print(f"laid out {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
