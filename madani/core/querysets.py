"""Who may see which rows: one base QuerySet (the shape of NetBox's ``RestrictedQuerySet``).

``visible_to(user)`` is written once, here: anonymous and inactive accounts get ``for_anonymous()``
(nothing, unless a model says otherwise, e.g. the library's public items); administrators get every
row. Every other user is handed to the one method of their kind, which each model's QuerySet
overrides to say what that kind of user may see; a method a model does not override gives nothing:

- ``for_trainer(user)`` — trainers (need-to-know: the activities they facilitate);
- ``for_branch_staff(user)`` — the other center staff (branch managers, M&E officers);
- ``for_cso_member(user)`` — signed-in accounts outside the center's staff: CSO members, and network
  editors and forum moderators, who are treated alike unless a model says otherwise.

A model whose trainers see what its other staff see says ``for_trainer = for_branch_staff``.
A model whose rows are personal even for administrators sets ``administrators_see_all = False``.
"""

from django.db import models


class RestrictedQuerySet(models.QuerySet):
    administrators_see_all = True

    def visible_to(self, user):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.for_anonymous()
        if self.administrators_see_all and user.spans_all_branches:
            return self.all()
        if user.is_trainer:
            return self.for_trainer(user)
        if user.is_center_staff:
            return self.for_branch_staff(user)
        return self.for_cso_member(user)

    def for_anonymous(self):
        return self.none()

    def for_trainer(self, user):
        return self.none()

    def for_branch_staff(self, user):
        return self.none()

    def for_cso_member(self, user):
        return self.none()

