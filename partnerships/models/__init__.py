"""Official partnerships of NGOs with the body: records, history, contacts, cooperation,
and the collective mechanisms (the biennial NGO conference and its liaison committee).

Every model is importable from here (`from partnerships.models import Partnership`); the
migrations name `partnerships.models.get_private_storage`.
"""

from .activities import CooperationActivity, CooperationActivityQuerySet
from .collective import LiaisonSeat, LiaisonSeatQuerySet, NgoConference
from .partners import (
    PUBLIC_STATUSES,
    RUNNING_STATUSES,
    Contact,
    ContactQuerySet,
    Partnership,
    PartnershipQuerySet,
    PartnershipStatusChange,
    Status,
)
from .reference_terms import FieldOfCompetence, FunctionalArea, ReferenceTerm
from .storage import get_private_storage

__all__ = [
    "PUBLIC_STATUSES",
    "RUNNING_STATUSES",
    "Contact",
    "ContactQuerySet",
    "CooperationActivity",
    "CooperationActivityQuerySet",
    "FieldOfCompetence",
    "FunctionalArea",
    "LiaisonSeat",
    "LiaisonSeatQuerySet",
    "NgoConference",
    "Partnership",
    "PartnershipQuerySet",
    "PartnershipStatusChange",
    "ReferenceTerm",
    "Status",
    "get_private_storage",
]
