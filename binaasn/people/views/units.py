"""(being written)"""
from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


unit_list = unit_create = unit_edit = position_list = position_create = position_edit = _todo
