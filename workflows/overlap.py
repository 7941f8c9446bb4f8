"""One application per subsegment and region: the portal refuses a second while the first
is in progress or admitted (it would give the organisation overlapping contracts).

`registration.submit_application` (the demo, benchmarks and bulk tests) does not check
this yet; every applicant's route goes through the portal's drafts, which do.
"""

from __future__ import annotations

from sqlalchemy import select

from models import Application, ApplicationSubsegment, Award, Case, RegistrationWindow, Subsegment
from workflows.errors import Conflict
from workflows.uow import UnitOfWork


def refuse_overlap(uow: UnitOfWork, provider_id: int, region_id: int,
                   subsegment_ids: list[int], draft_id: int | None = None) -> None:
    """One application per subsegment and region: a second one while the first is open or
    admitted would give the organisation overlapping contracts."""
    same_region = select(RegistrationWindow.id).where(RegistrationWindow.region_id == region_id)
    earlier = (select(Subsegment.name, Case.completed, Award.id)
               .join(ApplicationSubsegment, ApplicationSubsegment.subsegment_id == Subsegment.id)
               .join(Application, Application.id == ApplicationSubsegment.application_id)
               .join(Case, Case.id == Application.case_id)
               .outerjoin(Award, (Award.application_id == Application.id)
                          & (Award.subsegment_id == Subsegment.id))
               .where(Application.provider_id == provider_id,
                      Application.window_id.in_(same_region),
                      Application.id != (draft_id or 0),
                      Subsegment.id.in_(subsegment_ids)))
    rows = uow.session.execute(earlier).all()
    admitted = sorted({n for n, _done, award in rows if award is not None})
    open_names = sorted({n for n, done, _a in rows if not done} - set(admitted))
    if open_names or admitted:
        reasons = ([f"{n}: u hebt hiervoor al een aanvraag in behandeling." for n in open_names]
                   + [f"{n}: u bent hiervoor al toegelaten." for n in admitted])
        raise Conflict("U kunt niet twee keer een aanvraag doen voor dezelfde zorg in deze "
                       "regio. " + " ".join(reasons))
