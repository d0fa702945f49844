"""Writes of the planning area.

Needs analysis (campaigns.py)
    create_campaign, update_campaign, prepare_needs_questionnaire, publish_needs_questionnaire,
    save_interview, analyse_campaign, rescore_needs, set_need_status
Plans (plans.py)
    create_plan, update_plan, submit_plan, approve_plan, return_plan, revise_plan,
    save_programme, delete_programme, programme_from_needs, save_budget_line,
    delete_budget_line, set_budget_ceiling, plan_snapshot
Partners and speakers (partners.py)
    save_partner, save_speaker
"""

from .campaigns import (
    analyse_campaign,
    create_campaign,
    prepare_needs_questionnaire,
    publish_needs_questionnaire,
    rescore_needs,
    save_interview,
    set_need_status,
    update_campaign,
)
from .partners import save_partner, save_speaker
from .plans import (
    approve_plan,
    create_plan,
    delete_budget_line,
    delete_programme,
    plan_for_year,
    plan_snapshot,
    programme_from_needs,
    return_plan,
    revise_plan,
    save_budget_line,
    save_programme,
    set_budget_ceiling,
    submit_plan,
    update_plan,
)

__all__ = [
    "analyse_campaign",
    "approve_plan",
    "create_campaign",
    "create_plan",
    "delete_budget_line",
    "delete_programme",
    "plan_for_year",
    "plan_snapshot",
    "prepare_needs_questionnaire",
    "programme_from_needs",
    "publish_needs_questionnaire",
    "rescore_needs",
    "return_plan",
    "revise_plan",
    "save_budget_line",
    "save_interview",
    "save_partner",
    "save_programme",
    "save_speaker",
    "set_budget_ceiling",
    "set_need_status",
    "submit_plan",
    "update_campaign",
    "update_plan",
]
