from django.urls import path

from reviews import public_api

app_name = "public_pages"

# / (public pages: no login)
urlpatterns = [
    path("claims/<int:claim_id>/verdict/", public_api.verdict_page, name="verdict"),
    path("fact-checks/", public_api.article_page, name="article"),
]
