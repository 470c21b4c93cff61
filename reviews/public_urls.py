from django.urls import path

from reviews import public_api

app_name = "public"

# /api/v1/public/
urlpatterns = [
    path("badge.json", public_api.badge_json, name="badge-json"),
    path("badge.svg", public_api.badge_svg, name="badge-svg"),
    path("claimreview.json", public_api.claimreview_json, name="claimreview"),
    path("articles/", public_api.article_verdicts, name="articles"),
    path("ping.json", public_api.ping, name="ping"),
]
