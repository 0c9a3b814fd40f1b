"""Reads the ORM builds and compiles once per process, then runs as plain SQL with new values.

A page that asks the same question on every request (the dashboard's indikator and slots, the
plan a dashboard belongs to) spent as long building and compiling the query as the database
took to answer it. Here a read is a function of a list of ids (and at most one string) that
returns a queryset; it is compiled once for each number of ids and for "string given or not",
with stand-in values, and the SQL is kept with a plan of where each real value goes.

`rows()` gives the database driver's rows as they are (the read casts to text whatever would
need a field converter); `objects()` gives model instances, with their select_related rows and
annotations, converted as the ORM converts them.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models.query import get_related_populators

_ID_MARK = -7_300_000_000_000  # ids handed to a read while it is compiled: never a real id
_TEXT_MARK = "\x00nilai"
# Ids a database column can hold (64-bit). A value outside matches no row; it is not sent,
# since SQLite refuses it with an error rather than finding nothing.
_ID_RANGE = range(-(2**63), 2**63)
_KEEP = 64  # compiled reads kept per process (roll-ups ask for many numbers of plans)


@dataclass
class _Compiled:
    sql: str
    plan: tuple  # per SQL parameter: ("id", index), ("text", None) or ("const", value)
    compiler: object  # what the ORM's compiler knew of the columns

    @cached_property
    def recipe(self):
        """What the compiler knew of the read's columns, as objects() uses it: the model,
        where its own fields sit in a row and their names, each column's converters, the
        populators of the select_related rows and where each annotation sits."""
        select, info = self.compiler.select, self.compiler.klass_info
        first, last = info["select_fields"][0], info["select_fields"][-1] + 1
        return (
            info["model"],
            first,
            last,
            [column.target.attname for column, _, _ in select[first:last]],
            list(self.compiler.get_converters([column for column, _, _ in select]).items()),
            get_related_populators(info, select, connection.alias),
            list(self.compiler.annotation_col_map.items()),
        )


_COMPILED = {}


def _compiled(build, ids, text):
    given = bool(text and text[0])
    shape = (connection.vendor, build.__module__, build.__qualname__, len(ids), given)
    found = _COMPILED.get(shape)
    if found is not None:
        return found
    if len(_COMPILED) >= _KEEP:
        _COMPILED.clear()
    marks = [_ID_MARK - j for j in range(len(ids))]
    args = (_TEXT_MARK if given else "",) if text else ()
    compiler = build(marks, *args).query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    plan = []
    for param in params:
        if isinstance(param, int) and _ID_MARK - len(ids) < param <= _ID_MARK:
            plan.append(("id", _ID_MARK - param))
        elif param == _TEXT_MARK:
            plan.append(("text", None))
        else:
            plan.append(("const", param))
    if sorted(value for kind, value in plan if kind == "id") != list(range(len(ids))):
        raise RuntimeError(f"{build.__qualname__}: an id reached the SQL other than once")
    found = _COMPILED[shape] = _Compiled(sql, tuple(plan), compiler)
    return found


def _execute(build, ids, text):
    """(compiled read, its rows as the driver gives them)."""
    compiled = _compiled(build, ids, text)
    values = [
        ids[value] if kind == "id" else text[0] if kind == "text" else value
        for kind, value in compiled.plan
    ]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, values)
        return compiled, cursor.fetchall()


def _in_range(ids):
    return all(i in _ID_RANGE for i in ids)


def rows(build, ids, *text):
    """Rows of `build(ids, *text)`, without field converters. `ids`: a list of ints, each
    reaching the SQL once; `text`: at most one string."""
    if not ids or not _in_range(ids):
        return []
    return _execute(build, ids, text)[1]


def objects(build, ids):
    """Model instances of `build(ids)`, as iterating the queryset gives them: the model's
    fields and those of its select_related rows converted, annotations set."""
    if not ids or not _in_range(ids):
        return []
    compiled, found = _execute(build, ids, ())
    model, first, last, names, converters, related, annotations = compiled.recipe
    result = []
    for row in found:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for convert in functions:
                value = convert(value, expression, connection)
            row[position] = value
        obj = model.from_db(connection.alias, names, row[first:last])
        for populator in related:
            populator.populate(row, obj)
        for name, position in annotations:
            setattr(obj, name, row[position])
        result.append(obj)
    return result
