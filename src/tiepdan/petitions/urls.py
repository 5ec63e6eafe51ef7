from django.urls import path

from . import attachment_views, import_views, views

app_name = "petitions"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("moi/", views.new, name="new"),
    path("moi/tra-cuu-cong-dan/", views.person_lookup, name="person-lookup"),
    path("moi/kiem-tra-trung/", views.check_duplicates, name="check-duplicates"),
    path("xuat-excel/", views.export, name="export"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/phan-loai/", views.classify, name="classify"),
    path("<int:pk>/tach-don/", views.split, name="split"),
    path("<int:pk>/phan-cong/", views.assign, name="assign"),
    path("<int:pk>/don-trung/", views.resolve_duplicate, name="duplicate"),
    path("<int:pk>/xu-ly/<slug:outcome>/", views.outcome, name="outcome"),
    path("<int:pk>/tra-lai-giay-to/", views.return_originals, name="return-originals"),
    path("<int:pk>/danh-tinh/<int:identity_id>/", views.reveal, name="reveal"),
    path("mau-nhap/", import_views.import_template, name="import-template"),
    path("<int:pk>/tep/", attachment_views.upload, name="attachment-upload"),
    path("<int:pk>/tep/<int:att_pk>/", attachment_views.download, name="attachment"),
]
