"""What the approval of a bulletin asks: the errors that refuse it, and the notice that it waits
for the partnerships officers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext

from members.models import Role
from members.notifications import notify

from . import content


class FourEyesError(ValidationError):
    """Under the four-eyes setting, the officer who composed the bulletin tried to approve it."""

    def __init__(self):
        super().__init__(
            gettext(
                "You composed this bulletin: under the four-eyes rule another partnerships "
                "officer approves it."
            ),
            code="four_eyes",
        )


class MissingIntroductionError(ValidationError):
    """Editions would go out with the English introduction and the officer did not confirm it."""

    def __init__(self, languages):
        self.languages = languages
        super().__init__(
            gettext(
                "These editions have no introduction of their own and would show the English "
                "one: %(languages)s. Write their introduction and compose the bulletin again, "
                "or confirm that they go out with the English introduction."
            )
            % {"languages": content.language_names(languages)},
            code="introduction_missing",
        )


def bulletin_awaiting_approval_notify(*, bulletin, by=None) -> None:
    """The partnerships officers hear that the composed bulletin waits for approval (once: a
    composition again after an introduction changed says nothing new). Under the four-eyes
    setting its composer is not asked; without it, only the officer who composed it now (who
    knows) is left out."""
    composer = bulletin.composed_by if settings.OEC_BULLETIN_FOUR_EYES else by
    notify(
        event="bulletins.bulletin_awaiting_approval",
        organisation=bulletin.organisation,
        roles=[Role.PARTNERSHIPS],
        obj=bulletin,
        url=reverse("admin:bulletins_bulletin_preview", args=[bulletin.pk]),
        actor=composer,
        context={"bulletin": str(bulletin)},
    )
