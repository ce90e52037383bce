from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from documents.badges import delegates_for_badges, render_badges
from registration.models import Category, Delegate


class Command(BaseCommand):
    help = "Write one PDF of badges (four to an A4 sheet, with cut marks) for scripts."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="The PDF file to write.")
        parser.add_argument(
            "--status",
            choices=Delegate.Status.values,
            default=Delegate.Status.CONFIRMED,
            help="Whose badges (default: confirmed delegates).",
        )
        parser.add_argument("--category", choices=Category.values, help="Only this category.")
        parser.add_argument("--delegate", type=int, action="append", help="Only these ids.")
        parser.add_argument("--single", action="store_true", help="One A6 badge a page.")

    def handle(self, *args, output, status, category, delegate, single, **options):
        queryset = Delegate.objects.filter(status=status)
        if category:
            queryset = queryset.filter(delegation__category=category)
        if delegate:
            queryset = queryset.filter(pk__in=delegate)
        delegates = list(delegates_for_badges(queryset))
        if not delegates:
            raise CommandError("No delegate matches: no PDF written.")
        pdf = render_badges(
            delegates,
            layout="single" if single else "sheet",
            progress=lambda done: self.stderr.write(f"{done}/{len(delegates)} laid out"),
        )
        Path(output).write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"{len(delegates)} badges written to {output}."))
