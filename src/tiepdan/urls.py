from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from tiepdan.core import views as core_views

api_v1: list[URLPattern | URLResolver] = [
    path("", include("tiepdan.core.api_urls")),
    path("", include("tiepdan.orgs.api_urls")),
    path("", include("tiepdan.lawcal.api_urls")),
    path("", include("tiepdan.documents.api_urls")),
    path("", include("tiepdan.people.api_urls")),
    path("", include("tiepdan.petitions.api_urls")),
    path("", include("tiepdan.cases.api_urls")),
    path("", include("tiepdan.reception.api_urls")),
    path("", include("tiepdan.reports.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("dang-nhap/", core_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", core_views.LogoutView.as_view(), name="logout"),
    path("ngon-ngu/", set_language, name="set_language"),
    path("to-chuc/", include("tiepdan.orgs.urls")),
    path("thoi-han/", include("tiepdan.lawcal.urls")),
    path("van-ban/", include("tiepdan.documents.urls")),
    path("cong-dan/", include("tiepdan.people.urls")),
    path("don/", include("tiepdan.petitions.urls")),
    path("vu-viec/", include("tiepdan.cases.urls")),
    path("tiep-cong-dan/", include("tiepdan.reception.urls")),
    path("lich-tiep-cong-dan/", include("tiepdan.reception.public_urls")),
    path("bao-cao/", include("tiepdan.reports.urls")),
    path("tong-quan/", include("tiepdan.reports.dashboard_urls")),
    path("api/v1/", include(api_v1)),
    path("quan-tri/", admin.site.urls),
]

admin.site.site_header = "Tiếp Dân — Quản trị hệ thống"
admin.site.site_title = "Tiếp Dân"
admin.site.index_title = "Cấu hình"
