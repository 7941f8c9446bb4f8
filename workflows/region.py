"""Loading a region's product tree and who buys what."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models import Municipality, Participation, Product, Region, Segment, Subsegment
from workflows.access import require_role
from workflows.actors import Actor
from workflows.errors import Conflict, InvalidInput
from workflows.uow import UnitOfWork


def find_region(uow: UnitOfWork, actor: Actor, *, code: str) -> int | None:
    """The id of the region with this code, if it was loaded."""
    require_role(actor, "admin", "system")
    return uow.session.scalars(select(Region.id).where(Region.code == code)).first()


def load_region(uow: UnitOfWork, actor: Actor, *, region: dict[str, str],
                municipalities: list[tuple[str, str]], segments: list[dict[str, Any]],
                legal_model: str = "civil") -> int:
    """Create a region with its municipalities, segments, subsegments, products and
    participation (every municipality except those named as not participating). The
    legal model (`civil` for Open House, or `awb`) decides which term rules apply."""
    require_role(actor, "admin", "system")
    if uow.session.scalars(select(Region).where(Region.code == region["code"])).first():
        raise Conflict(f"Regio {region['code']} bestaat al.")
    if legal_model not in ("civil", "awb"):
        raise InvalidInput("Onbekend juridisch model.", {"legal_model": ["civil of awb"]})
    row = Region(code=region["code"], name=region["name"], legal_model=legal_model)
    uow.session.add(row)
    uow.session.flush()
    towns = {code: Municipality(region_id=row.id, code=code, name=name)
             for code, name in municipalities}
    uow.session.add_all(towns.values())
    for seg in segments:
        _add_segment(uow, row.id, seg, towns)
    uow.session.flush()
    return row.id


def _add_segment(uow: UnitOfWork, region_id: int, seg: dict[str, Any],
                 towns: dict[str, Municipality]) -> None:
    segment = Segment(region_id=region_id, code=seg["code"], name=seg["name"])
    uow.session.add(segment)
    uow.session.flush()
    for sub in seg["subsegments"]:
        subsegment = Subsegment(segment_id=segment.id, code=sub["code"], name=sub["name"],
                                procurement_form=sub["procurement_form"],
                                funding_types=",".join(sub["funding_types"]))
        uow.session.add(subsegment)
        uow.session.flush()
        uow.session.add_all(Product(subsegment_id=subsegment.id, code=code, name=name)
                            for code, name in sub["products"])
        excluded = set(sub.get("non_participating", ()))
        uow.session.add_all(Participation(municipality_id=t.id, subsegment_id=subsegment.id)
                            for code, t in towns.items() if code not in excluded)
