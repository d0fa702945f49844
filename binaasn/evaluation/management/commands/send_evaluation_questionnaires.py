from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from binaasn.evaluation.services.feedback import (
    send_due_behaviour_questionnaires,
    send_evaluation_reminders,
)


class Command(BaseCommand):
    help = (
        "Send the behaviour questionnaires (L3) that are due and remind those who have not "
        "answered an evaluation questionnaire (run once a day, e.g. from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="",
            help="Address of the site for links in e-mails (default: the BASE_URL setting).",
        )

    def handle(self, *args, **options):
        base_url = options["base_url"] or getattr(settings, "BINAASN_BASE_URL", "")
        due = send_due_behaviour_questionnaires(base_url=base_url)
        self.stdout.write(
            _("%(sent)d behaviour questionnaires sent to %(invited)d invitees.")
            % {"sent": due.sent, "invited": due.invited}
        )
        for line in due.refused:
            self.stderr.write(_("Not sent: %(reason)s") % {"reason": line})
        reminders = send_evaluation_reminders(base_url=base_url)
        self.stdout.write(
            _("%(reminded)d reminders sent (%(emailed)d by e-mail).")
            % {"reminded": reminders.reminded, "emailed": reminders.emailed}
        )
