"""What is printed and exported: badges, their print batches and the List of
Participants rendered by a worker."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accreditation.fields import EncryptedTextField
from intersessional import dates
from programme.models import Meeting
from registration.models import Delegate


class Badge(models.Model):
    """The last rendered badge of a delegate, kept until what it shows changes."""

    delegate = models.OneToOneField(Delegate, on_delete=models.CASCADE, related_name="badge")
    # A hash of everything printed on the badge: a new one means render again.
    fingerprint = models.CharField(max_length=64)
    pdf = models.FileField(upload_to="badges/")
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")

    def __str__(self):
        return str(self.delegate)


class WorkerJob(models.Model):
    """Work that staff ask for and a worker does (see tasks.run_job): queued, claimed
    with a conditional update, then ready or failed with the error kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("asked at"))
    finished_at = models.DateTimeField(_("ready at"), null=True, blank=True)
    # When a worker claimed it (the wall clock): a job left rendering far longer than
    # any takes had its worker die, and the sweep hands it over again (tasks.py).
    started_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class BadgeBatch(WorkerJob):
    """Badges that staff asked to print together: one PDF, rendered by a worker."""

    delegates = models.ManyToManyField(Delegate, related_name="+")
    total = models.PositiveIntegerField(_("badges"), default=0)
    done = models.PositiveIntegerField(_("badges laid out"), default=0)
    pdf = models.FileField(upload_to="badge-batches/", blank=True)

    class Meta(WorkerJob.Meta):
        verbose_name = _("badge print batch")
        verbose_name_plural = _("badge print batches")

    def __str__(self):
        return _("%(count)s badges, asked at %(when)s") % {
            "count": self.total,
            "when": dates.short_moment(self.created_at),
        }

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class ExportJob(WorkerJob):
    """A List of Participants that is too long to render in a web request (the PDF):
    asked for by staff, rendered by a worker, downloaded by staff."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    fmt = models.CharField(_("format"), max_length=10)
    public = models.BooleanField(_("public version"))
    # The internal list limited to those checked in at the door (never the public one).
    attended = models.BooleanField(_("only those who came"), default=False)
    # The list's language: its headings, and the order of the delegations' names.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    file = models.FileField(upload_to="exports/", blank=True)

    class Meta(WorkerJob.Meta):
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            # Who came is for the ISU: a list to publish is never limited to them, so
            # retention's "keep the published list" can never keep an attendance list.
            models.CheckConstraint(
                condition=models.Q(public=False) | models.Q(attended=False),
                name="export_of_those_who_came_is_internal",
            ),
        ]

    def __str__(self):
        version = "public" if self.public else "internal"
        return f"{self.fmt.upper()} ({version}{', attended' if self.attended else ''})"


# Visa support letters and certificates of attendance ---------------------------------


def new_verification_code() -> str:
    """What a document's QR code and its verification page carry: 128 random bits, so
    that nobody finds a letter by trying codes (and the page is rate-limited)."""
    return secrets.token_urlsafe(16)


# Files are stored under random names, never the one they were sent under.
def letterhead_name(_instance, _filename: str) -> str:
    return f"letterheads/{secrets.token_hex(16)}"


def visa_letter_name(_instance, _filename: str) -> str:
    return f"visa-letters/{secrets.token_hex(16)}"


def certificate_name(_instance, _filename: str) -> str:
    return f"certificates/{secrets.token_hex(16)}.pdf"


class Letterhead(models.Model):
    """The ISU's letterhead and signature, printed on the meeting's visa letters and
    certificates. Uploaded by staff in the admin (PNG or JPEG, checked by its bytes)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    letterhead = models.FileField(
        _("letterhead image"),
        upload_to=letterhead_name,
        blank=True,
        help_text=_("PNG or JPEG, printed across the top of the first page."),
    )
    signature = models.FileField(
        _("signature image"),
        upload_to=letterhead_name,
        blank=True,
        help_text=_("PNG or JPEG of the signature, printed above the signatory's name."),
    )
    signatory_name = models.CharField(_("name of the signatory"), max_length=200)
    signatory_function = models.CharField(
        _("function of the signatory"),
        max_length=200,
        blank=True,
        help_text=_("As printed under the name, for example “Director”."),
    )

    class Meta:
        verbose_name = _("letterhead and signature")
        verbose_name_plural = _("letterheads and signatures")

    def __str__(self):
        return str(self.meeting)


class VisaLetter(models.Model):
    """A delegate's request for a visa support letter, then the letter: approved by the
    ISU, rendered by a worker (encrypted at rest: it holds passport details), e-mailed,
    and verifiable by its code until it is revoked."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved, being prepared")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    class Language(models.TextChoices):
        EN = "en", "English"
        FR = "fr", "Français"

    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="visa_letters", verbose_name=_("delegate")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    language = models.CharField(_("language of the letter"), max_length=2, choices=Language)
    consulate = models.CharField(_("consulate or embassy"), max_length=200)
    arrives_on = models.DateField(_("arrival in Geneva"))
    departs_on = models.DateField(_("departure from Geneva"))
    requested_at = models.DateTimeField(_("requested at"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    reference = models.CharField(_("reference number"), max_length=40, blank=True)
    code = models.CharField(max_length=40, unique=True, default=new_verification_code)
    # What the letter says of the holder, fixed when it is approved (encrypted at rest,
    # like the identity details it comes from).
    holder_name = EncryptedTextField(_("name"), blank=True)
    nationality = EncryptedTextField(_("nationality"), blank=True)
    # The PDF, encrypted (documents/letters.py): a copy of the files reveals no passport.
    pdf = models.FileField(upload_to=visa_letter_name, blank=True)
    # The link of the e-mail that brings the letter (registration/links.py).
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    # When a worker took it to render (the wall clock; see tasks.py's lease).
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("visa support letter")
        verbose_name_plural = _("visa support letters")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(departs_on__gte=models.F("arrives_on")),
                name="visa_letter_departs_after_arriving",
            ),
            # One letter in progress or valid at a time; a revoked one can be replaced.
            models.UniqueConstraint(
                fields=["delegate"],
                condition=~models.Q(status="revoked"),
                name="one_valid_visa_letter_per_delegate",
            ),
        ]

    def __str__(self):
        return self.reference or str(self.delegate)


class Certificate(models.Model):
    """A certificate of attendance: for a delegate whom the door checked in, after the
    meeting, in their language, with the days attended and a verification code."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Being prepared")
        ISSUED = "issued", _("Issued")
        REVOKED = "revoked", _("Revoked")

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("delegate")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # The days the door checked the delegate in (ISO dates), fixed at issue.
    days = models.JSONField(_("days attended"), default=list)
    reference = models.CharField(_("reference number"), max_length=40, blank=True)
    code = models.CharField(max_length=40, unique=True, default=new_verification_code)
    created_at = models.DateTimeField(_("asked at"))
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    pdf = models.FileField(upload_to=certificate_name, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["-created_at"]

    def __str__(self):
        return self.reference or str(self.delegate)


class SeatingDraw(models.Model):
    """The lot drawn for the seating (UN practice): the States Parties sit in English
    alphabetical order starting from the drawn State. The seed is kept, so the draw
    can be made again and gives the same State (documents/seating.py)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    seed = models.CharField(_("seed of the draw"), max_length=64)
    state = models.ForeignKey(
        "reference.State", on_delete=models.PROTECT, related_name="+", verbose_name=_("drawn State")
    )
    drawn_at = models.DateTimeField(_("drawn at"))
    drawn_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("seating draw")
        verbose_name_plural = _("seating draws")
        ordering = ["-drawn_at", "-pk"]

    def __str__(self):
        return f"{self.state} ({dates.short_moment(self.drawn_at)})"


class SeatingJob(WorkerJob):
    """The seating plan or the nameplates of a draw, rendered by a worker."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Seating plan")
        NAMEPLATES = "nameplates", _("Nameplates")

    draw = models.ForeignKey(SeatingDraw, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="seating/", blank=True)

    class Meta(WorkerJob.Meta):
        verbose_name = _("seating plan or nameplates")
        verbose_name_plural = _("seating plans and nameplates")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.draw})"
