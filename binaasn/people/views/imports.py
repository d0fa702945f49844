"""(being written)"""
from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


import_start = import_template = import_detail = import_error_report = _todo
