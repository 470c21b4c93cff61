from django.urls import path

from reviews.public import views as public_views

app_name = "public"

# /api/v1/public/
urlpatterns = [
    path("badge.json", public_views.badge_json, name="badge-json"),
    path("badge.svg", public_views.badge_svg, name="badge-svg"),
    path("claimreview.json", public_views.claimreview_json, name="claimreview"),
    path("articles/", public_views.article_verdicts, name="articles"),
    path("ping.json", public_views.ping, name="ping"),
]
