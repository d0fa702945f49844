from django.urls import reverse


def test_admin_sees_agency_home(cast, login):
    client = login(cast.admin)
    response = client.get(reverse("core:home-agency", kwargs={"agency": "alpha"}))
    assert response.status_code == 200
    assert "Pemerintah Kabupaten Alpha" in response.content.decode()


def test_admin_of_other_agency_gets_404(cast, login):
    client = login(cast.admin_b)
    response = client.get(reverse("core:home-agency", kwargs={"agency": "alpha"}))
    assert response.status_code == 404
