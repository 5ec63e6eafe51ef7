"""The project's URLs plus a stand-in `petitions:detail` page.

The petition page itself (petitions/views.py) is built on another branch; the attachment views redirect to
it by name. Tests use this URLconf only while that name is missing (see `petition_page` fixtures).
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tiepdan.petitions import urls as petition_urls
from tiepdan.urls import urlpatterns as project_patterns


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(f"Đơn {pk}")


petition_patterns = [path("<int:pk>/", detail, name="detail"), *petition_urls.urlpatterns]
urlpatterns = [path("don/", include((petition_patterns, "petitions"))), *project_patterns]
