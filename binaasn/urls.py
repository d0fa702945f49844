from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from binaasn.core import views as core_views

handler400 = "binaasn.core.views.error_400"
handler403 = "binaasn.core.views.error_403"
handler404 = "binaasn.core.views.error_404"
handler500 = "binaasn.core.views.error_500"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("admin/", admin.site.urls),
    path("akun/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("publik/<slug:public_agency>/", include("binaasn.citizens.public_urls")),
    path("publik/<slug:public_agency>/kuesioner/", include("binaasn.surveys.public_urls")),
    path("publik/<slug:public_agency>/sertifikat/", include("binaasn.learning.public_urls")),
    path("<slug:agency>/", include("binaasn.core.urls")),
    path("<slug:agency>/pegawai/", include("binaasn.people.urls")),
    path("<slug:agency>/kuesioner/", include("binaasn.surveys.urls")),
    path("<slug:agency>/kompetensi/", include("binaasn.competencies.urls")),
    path("<slug:agency>/perencanaan/", include("binaasn.planning.urls")),
    path("<slug:agency>/pembelajaran/", include("binaasn.learning.urls")),
    path("<slug:agency>/layanan-publik/", include("binaasn.citizens.urls")),
    path("<slug:agency>/tindak-lanjut/", include("binaasn.actions.urls")),
    path("<slug:agency>/evaluasi/", include("binaasn.evaluation.urls")),
]

if settings.DEBUG:
    urlpatterns.insert(0, path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
