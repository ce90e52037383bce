"""The ModelAdmins that several apps contribute to, composed and registered once.

An app defines the admin of its own models. When an app above it has something to
add (an action, a read-only field, a write that must go through its services), it
writes a mixin in its own admin.py, and the admin is composed here, at the top of
the layers, where every app may be imported. So no admin is registered, unregistered
and registered again by import order, and what the delegates' list can do is read in
one place.

- Delegate: registration's DelegateAdmin, with documents' actions (badges, export)
  and privacy's history and erasure.
- Delegation: registration's DelegationAdmin, with privacy's history and
  accreditation's nomination status (a column and a filter).
- Obligation: reference's ObligationAdmin, whose writes go through floor's services
  (a confirmation may make an invitation to present updates due).
"""

from django.contrib import admin

from accreditation.admin import DelegationNominationMixin
from documents.admin import DelegateDocumentsMixin
from floor.admin import ObligationInvitationsMixin
from privacy.admin import DelegateErasureMixin, HistoryMixin
from reference.admin import ObligationAdmin as ReferenceObligationAdmin
from reference.models import Obligation
from registration.admin import DelegateAdmin as RegistrationDelegateAdmin
from registration.admin import DelegationAdmin as RegistrationDelegationAdmin
from registration.models import Delegate, Delegation


@admin.register(Delegate)
class DelegateAdmin(
    HistoryMixin, DelegateErasureMixin, DelegateDocumentsMixin, RegistrationDelegateAdmin
):
    actions = [
        *RegistrationDelegateAdmin.actions,
        *DelegateDocumentsMixin.document_actions,
        *DelegateErasureMixin.erasure_actions,
    ]


@admin.register(Delegation)
class DelegationAdmin(HistoryMixin, DelegationNominationMixin, RegistrationDelegationAdmin):
    pass


@admin.register(Obligation)
class ObligationAdmin(ObligationInvitationsMixin, ReferenceObligationAdmin):
    pass
