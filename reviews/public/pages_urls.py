from django.urls import path

from reviews.public import views as public_views

app_name = "public_pages"

# / (public pages: no login)
urlpatterns = [
    path("claims/<int:claim_id>/verdict/", public_views.verdict_page, name="verdict"),
    path("fact-checks/", public_views.article_page, name="article"),
]
