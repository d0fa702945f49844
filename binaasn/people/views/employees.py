"""(being written)"""
from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404


employee_list = employee_create = employee_detail = employee_edit = _todo
employee_deactivate = employee_reactivate = career_create = career_edit = _todo
