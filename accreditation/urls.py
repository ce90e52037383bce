from django.urls import path

from . import views

app_name = "accreditation"

# Through a delegate's private link (/registration/..., under the public POSTs' rate
# limit) and through the link of the e-mail that rejected a photo (/photo/...).
urlpatterns = []
for kind, prefix in (("delegate", "registration/<str:token>/photo"), ("link", "photo/<str:token>")):
    urlpatterns += [
        path(f"{prefix}/", views.photo_page, {"kind": kind}, name=f"{kind}-photo"),
        path(f"{prefix}/image", views.photo_image, {"kind": kind}, name=f"{kind}-photo-image"),
    ]
