"""The photo form: a file (chosen, or taken with the camera and cut to 35 x 45 by
static/js/photo.js). What the file is, is judged by photos.py through the service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .photos import MAX_BYTES


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "A recent passport-style photo of your face, JPEG or PNG, at least 600 x 800 "
            "pixels; it is cut to the badge's 35 x 45 proportions around its centre."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Please send a smaller photo.")
            )
        return upload
