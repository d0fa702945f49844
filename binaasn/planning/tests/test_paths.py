from binaasn.planning import paths


def test_every_path_code_of_domain_is_present():
    codes = [code for code, _name in paths.PATHS]
    assert codes == [f"KL{n:02d}" for n in range(1, 13)] + [f"NKL{n:02d}" for n in range(1, 14)]


def test_form_and_path_must_fit():
    assert paths.check_form_and_path("workshop", "KL07") is None
    assert paths.check_form_and_path("workshop", "NKL02")
    assert paths.check_form_and_path("project_based", "NKL11") is None
    assert paths.check_form_and_path("project_based", "NKL13") is None
    assert paths.check_form_and_path("internship", "NKL12") is None
    assert paths.check_form_and_path("formal_education", "") is None
    assert paths.check_form_and_path("formal_education", "KL01")
    assert (
        paths.track_of("NKL03") == paths.NON_CLASSICAL and paths.track_of("KL03") == paths.CLASSICAL
    )
