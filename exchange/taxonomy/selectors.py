from .models import TargetGroup, Theme


def themes_all():
    return Theme.objects.order_by("sort_order", "slug")


def target_groups_all():
    return TargetGroup.objects.order_by("sort_order", "slug")
