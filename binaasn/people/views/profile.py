"""(being written)"""
from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


my_profile = correction_create = _todo
