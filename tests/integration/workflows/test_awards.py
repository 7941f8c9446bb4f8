"""Awards follow participation and the window: no award where a product group is closed."""

from __future__ import annotations

from sqlalchemy import select, update

from models import Award, Municipality, WindowSubsegment
from tests.integration.workflows.walk import BEG


def test_an_award_skips_non_participating_and_closed_municipalities(walk, uow, window_id):
    with uow() as u:
        u.session.execute(update(WindowSubsegment).where(
            WindowSubsegment.window_id == window_id).values(closed_for="enschede,hengelo"))
        u.commit()
    walk.submit(BEG)
    walk.check()
    walk.integrity()
    walk.quality(BEG)
    walk.decide("admitted", BEG)
    with uow() as u:
        towns = set(u.session.scalars(select(Municipality.code).join(
            Award, Award.municipality_id == Municipality.id)))
    assert len(towns) == 11  # 14, less Almelo (does not buy begeleiding), Enschede, Hengelo
    assert not towns & {"almelo", "enschede", "hengelo"}


def test_a_partly_admitted_incumbent_is_bridged_for_what_it_lost(walk, uow):
    from models import BridgingAgreement, Subsegment
    from tests.integration.workflows.walk import BEH
    from workflows import bridging

    walk.submit(BEG, BEH, incumbent=True, current_clients=4)
    walk.check()
    walk.integrity()
    walk.quality(BEG)
    walk.ask_views()
    walk.give_views()
    walk.assess_views()
    walk.decide("partly_admitted", BEG)
    walk.expire()  # the objection period
    started = walk.run(bridging.start_bridging_for_incumbents, "contract_manager",
                       window_id=walk.window_id)
    with uow() as u:
        codes = u.session.scalars(select(Subsegment.code).join(
            BridgingAgreement, BridgingAgreement.subsegment_id == Subsegment.id)).all()
    assert len(started) == 1 and codes == [BEH]
