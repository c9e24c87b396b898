"""The moderators' actions on a post: one service call each (``forum.views.moderate``
dispatches through ``ACTIONS``). Each handler returns the message to show."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from . import services
from .forms import DuplicateForm, ThemesForm
from .models import Flag, Question


def hide(*, post, moderator, data):
    services.post_hide(post=post, moderator=moderator)
    return _("The post is hidden.")


def unhide(*, post, moderator, data):
    services.post_hide(post=post, moderator=moderator, hidden=False)
    return _("The post is visible again.")


def dismiss(*, post, moderator, data):
    flag = get_object_or_404(Flag, pk=data.get("flag"))
    services.flag_dismiss(flag=flag, moderator=moderator)
    return _("The flag was dismissed.")


def lock(*, post, moderator, data):
    services.question_lock(
        question=post, moderator=moderator, locked=not post.is_locked
    )
    return _("The question's lock was changed.")


def duplicate(*, post, moderator, data):
    form = DuplicateForm(data)
    original = None
    if form.is_valid():
        original = Question.objects.filter(pk=form.cleaned_data["duplicate_of"]).first()
    if original is None:
        raise ValidationError(_("Give the number of an existing question."))
    services.question_close_duplicate(
        question=post, duplicate_of=original, moderator=moderator
    )
    return _("The question was closed as a duplicate.")


def themes(*, post, moderator, data):
    form = ThemesForm(data)
    if not form.is_valid():
        raise ValidationError(_("Choose at least one theme."))
    services.question_move_themes(
        question=post, themes=form.cleaned_data["themes"], moderator=moderator
    )
    return _("The themes were changed.")


def to_practice(*, post, moderator, data):
    practice = services.question_convert_to_practice(question=post, moderator=moderator)
    return _("A draft practice “%(title)s” was created to be completed.") % {
        "title": practice.title
    }


# action -> (handler, only for questions)
ACTIONS = {
    "hide": (hide, False),
    "unhide": (unhide, False),
    "dismiss": (dismiss, False),
    "lock": (lock, True),
    "duplicate": (duplicate, True),
    "themes": (themes, True),
    "practice": (to_practice, True),
}


def action_for(action: str, post):
    """The handler of ``action`` on ``post``, or None when it does not apply."""
    handler, questions_only = ACTIONS.get(action, (None, False))
    if handler is None or (questions_only and not isinstance(post, Question)):
        return None
    return handler
