"""(being written)"""
from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


correction_list = correction_detail = correction_evidence = _todo
