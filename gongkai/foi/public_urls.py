from django.urls import path

from . import public_views

app_name = "foi_public"
urlpatterns = [
    path("", public_views.index, name="index"),
    path("new/", public_views.apply, name="apply"),
    path("done/", public_views.done, name="done"),
    path("track/", public_views.track, name="track"),
    path("track/status/", public_views.status, name="status"),
    path("track/correction/", public_views.correction, name="correction"),
    path("track/receipt/", public_views.receipt, name="receipt"),
    path("track/receipt.pdf", public_views.receipt_pdf, name="receipt_pdf"),
    path("track/letters/<int:letter_id>.pdf", public_views.letter_pdf, name="letter_pdf"),
]
