"""Query expressions the apps' reads share."""

from django.db.models import IntegerField, Subquery


class Banyaknya(Subquery):
    """How many rows a subquery gives, as a column of the outer query: 0 when none, and no
    GROUP BY (a grouped count per row of the outer query took SQLite half again as long), so
    a LIMIT in the subquery bounds the count."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _n)"
    output_field = IntegerField()
