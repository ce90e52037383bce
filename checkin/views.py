"""The door's staff pages: the lists, the door itself, and each list's counts and
entries. Thin: the writes are `services.checkin_scan` and `services.checkin_delegate`.

The door works without JavaScript (a form that a handheld scanner fills and submits
with Enter; the answer is the page again with the outcome). With JavaScript
(static/js/checkin.js) the same form is sent with fetch and asks for JSON: the outcome
comes back as the same HTML fragment, so both paths show the same thing.
"""

import re
import uuid

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accreditation import queries as accreditation
from accreditation.views import photo_response
from intersessional import clock
from intersessional.ratelimit import hit
from intersessional.staff import staff_context, staff_member_required, staff_page
from programme.queries import current_meeting

from . import codes, queries, services
from .models import CheckinList, Method

DOOR = "checkin.add_checkin"
AUDIT = "checkin.view_checkin"
NONCE = re.compile(r"^[A-Za-z0-9-]{8,64}$")
# The door's photo URLs are signed and expire: a volunteer sees the photos of the people
# scanned, and cannot walk through everyone's by number.
PHOTO_SALT = "checkin.door-photo"
PHOTO_URL_SECONDS = 15 * 60


def door_post(view):
    """A POST from the door: staff signed in as for every staff page (with the one-time
    code when OTP_REQUIRED is on) and holding the check-in permission, never cached."""
    return require_POST(
        never_cache(staff_member_required(permission_required(DOOR, raise_exception=True)(view)))
    )


def _nonce(request) -> str:
    nonce = request.POST.get("nonce", "")
    # Without a usable nonce (a hand-made request) the scan is still applied once.
    return nonce if NONCE.match(nonce) else uuid.uuid4().hex


def _method(request, default=Method.SCANNER) -> str:
    method = request.POST.get("method", "")
    return method if method in services.METHODS else default


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _limited(request) -> bool:
    """At most CHECKIN_POSTS_PER_MINUTE scans and searches per staff member: far above
    what a door sees, far below what guessing signatures or harvesting names needs."""
    limit = settings.CHECKIN_POSTS_PER_MINUTE
    if limit <= 0:
        return False
    try:
        allowed, _retry = hit(f"checkin-user:{request.user.pk}", limit=limit, window=60)
    except Exception:
        return False  # a cache that is down must not close the door
    return not allowed


def _photo_url(outcome) -> str:
    """Where the door's screen fetches the photo of the person scanned: no query in the
    scan, one in the photo's own request (a placeholder says when there is none)."""
    if outcome is None or outcome.delegate_id is None:
        return ""
    signed = signing.TimestampSigner(salt=PHOTO_SALT).sign(str(outcome.delegate_id))
    return reverse("staff:checkin-photo", args=[signed])


def _door(request, checkin_list: CheckinList, *, status=200, **result):
    """The door page, or with JavaScript its result fragment as JSON."""
    context = {
        "checkin_list": checkin_list,
        "nonce": uuid.uuid4().hex,
        "photo_url": _photo_url(result.get("outcome")),
        **result,
    }
    if _wants_json(request):
        # The fragment alone: the admin frame's context (every app the user may see,
        # with its links) is built only for the whole page.
        html = render_to_string("checkin/_result.html", context, request=request)
        outcome = result.get("outcome")
        return JsonResponse(
            {"result": outcome.status if outcome else "search", "html": html}, status=status
        )
    today = clock.now().astimezone(clock.GENEVA).date()
    context = staff_context(request, not_today=today != checkin_list.day, **context)
    return render(request, "checkin/door.html", context, status=status)


def _list(pk: int) -> CheckinList:
    found = queries.checkin_list(pk)
    if found is None:
        raise Http404
    return found


@staff_page(AUDIT)
def lists(request):
    meeting = current_meeting()
    return render(
        request,
        "checkin/lists.html",
        staff_context(request, meeting=meeting, lists=queries.lists_with_counts(meeting.pk)),
    )


@staff_page(DOOR)
def door(request, pk: int):
    return _door(request, _list(pk))


@door_post
def scan(request, pk: int):
    """What the input sent: a badge's code (scanner or camera), else a name to search."""
    checkin_list = _list(pk)
    if _limited(request):
        return _door(request, checkin_list, status=429, message=_("Too many scans: wait a minute."))
    text = request.POST.get("q", "")[:300]
    if codes.is_code_like(text):
        outcome = services.checkin_scan(
            checkin_list=checkin_list,
            code=text,
            by=request.user,
            method=_method(request),
            nonce=_nonce(request),
        )
        return _door(request, checkin_list, outcome=outcome)
    if queries.has_enough_letters(text):
        results = queries.search(checkin_list, text)
        return _door(request, checkin_list, results=results, searched=text.strip())
    return _door(
        request,
        checkin_list,
        message=_("Scan a badge, or type at least three letters of a name."),
    )


@door_post
def admit(request, pk: int, delegate_pk: int):
    """One click on a search result: the person is let in by name."""
    checkin_list = _list(pk)
    if _limited(request):
        return _door(request, checkin_list, status=429, message=_("Too many scans: wait a minute."))
    outcome = services.checkin_delegate(
        checkin_list=checkin_list,
        delegate_pk=delegate_pk,
        by=request.user,
        method=Method.SEARCH,
        nonce=_nonce(request),
    )
    return _door(request, checkin_list, outcome=outcome)


@staff_page(AUDIT)
def entries(request, pk: int):
    """Live counts by category, the entries with who let each person in, the refusals."""
    checkin_list = _list(pk)
    return render(
        request,
        "checkin/entries.html",
        staff_context(
            request,
            checkin_list=checkin_list,
            counts=queries.counts(checkin_list),
            entries=queries.entries(checkin_list),
            failed=queries.failed(checkin_list),
        ),
    )


@staff_page(DOOR)
def photo(request, signed: str):
    """The approved photo of a person just scanned, to compare with the face; a
    placeholder that says so when there is none."""
    try:
        delegate_id = int(
            signing.TimestampSigner(salt=PHOTO_SALT).unsign(signed, max_age=PHOTO_URL_SECONDS)
        )
    except (signing.BadSignature, ValueError):
        raise Http404(_("This photo link has expired: scan the badge again.")) from None
    name = accreditation.badge_photo(delegate_id)
    if not name:
        response = render(
            request,
            "checkin/no_photo.svg",
            {"label": _("No approved photo")},
            content_type="image/svg+xml; charset=utf-8",
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return photo_response(accreditation.open_file(name))
