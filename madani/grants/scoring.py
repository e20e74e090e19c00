"""The panel's weighted total of an application (0–5): for each criterion, the mean of the scores given
by panel members who did not recuse themselves, leaving out "not applicable"; then the mean of those
means weighted by the criteria's weights, over the criteria that received a score."""

from decimal import ROUND_HALF_UP, Decimal

from .models import Score


def criterion_means(application) -> dict[int, Decimal]:
    totals: dict[int, list[int]] = {}
    scores = Score.objects.filter(review__application=application, review__conflict=False,
                                  review__submitted_at__isnull=False, value__isnull=False)
    for criterion_id, value in scores.values_list("criterion_id", "value"):
        totals.setdefault(criterion_id, []).append(value)
    return {pk: Decimal(sum(values)) / len(values) for pk, values in totals.items()}


def weighted_total(application) -> Decimal | None:
    means = criterion_means(application)
    weights = {c.pk: c.weight for c in application.call.criteria.all() if c.pk in means}
    if not weights:
        return None
    total = sum(means[pk] * weight for pk, weight in weights.items()) / sum(weights.values())
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
