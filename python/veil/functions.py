"""Veil's SQL functions for the DataFrame API: one Python function per ``veil_*`` SQL function.

Each takes the value as a `pyspark.sql.Column` or a column name, as
``pyspark.sql.functions`` does, and its parameters (counts, characters, key names, contexts) as
Python constants. They build ``call_function`` expressions only, so they work on classic sessions
and from Spark Connect clients alike; the session (or the Connect server) must have Veil installed
(`veil.configure`, or ``spark.sql.extensions=io.veil.spark.sql.VeilExtensions``).

Keys are named, never passed: ``key_name`` names a key whose source the application's conf holds
(``spark.veil.keys.<key_name>``). The examples are those of ``DESCRIBE FUNCTION EXTENDED``, with a
32-byte key named ``pii`` and a 64-byte key named ``pii_siv``; ``one`` is a one-row DataFrame
(``spark.range(1)``).

>>> from veil.functions import veil_mask
>>> df = spark.createDataFrame([("13812345678",)], "phone string")
>>> df.select(veil_mask("phone", 3, 4).alias("phone")).first().phone
'138****5678'
"""

from __future__ import annotations

from typing import Any, Union

from pyspark.sql import Column
from pyspark.sql import functions as F

ColumnOrName = Union[Column, str]
"""A column, or a column's name."""

__all__ = [
    "ColumnOrName",
    "veil_decrypt",
    "veil_encrypt",
    "veil_encrypt_deterministic",
    "veil_fake",
    "veil_fpe_decrypt",
    "veil_fpe_encrypt",
    "veil_generalize",
    "veil_mask",
    "veil_mask_classes",
    "veil_mask_email",
    "veil_noise",
    "veil_pseudonym",
    "veil_redact",
    "veil_shift",
    "veil_truncate",
    "veil_unshift",
]


def _column(value: ColumnOrName) -> Column:
    return value if isinstance(value, Column) else F.col(value)


def _constant(value: Any) -> Column:
    return value if isinstance(value, Column) else F.lit(value)


def _call(name: str, value: ColumnOrName, *constants: Any) -> Column:
    return F.call_function(name, _column(value), *[_constant(c) for c in constants])


def _trimmed(constants: list[Any], optional: int) -> list[Any]:
    """The constants without the trailing optional ones left out (None), as SQL would omit them."""
    end = len(constants)
    while end > len(constants) - optional and constants[end - 1] is None:
        end -= 1
    return constants[:end]


def veil_mask(col: ColumnOrName, keep_first: int, keep_last: int, char: str | None = None) -> Column:
    """Replaces every character but the first ``keep_first`` and the last ``keep_last`` with
    ``char`` (``'*'`` when omitted), keeping the length in characters. A value on which that would
    hide fewer than 4 of its letters and digits, or less than a third of them, is masked whole.

    SQL: ``veil_mask(str, keep_first, keep_last[, char])``.

    >>> one.select(veil_mask(F.lit("13812345678"), 3, 4)).first()[0]
    '138****5678'
    >>> one.select(veil_mask(F.lit("Zhang Xiaoming"), 1, 0, "#")).first()[0]
    'Z#############'
    >>> one.select(veil_mask(F.lit("12345678"), 3, 4)).first()[0]
    '********'
    >>> one.select(veil_mask(F.lit("王小明"), 1, 0)).first()[0]
    '***'
    """
    return _call("veil_mask", col, *_trimmed([keep_first, keep_last, char], 1))



def veil_mask_classes(col: ColumnOrName, upper: str | None = "X", lower: str | None = "x",
                      digit: str | None = "n", other: str | None = None,
                      letter: str | None = "X") -> Column:
    """Replaces characters by class, as Spark's ``mask()``: upper-case letters with ``upper``,
    lower-case with ``lower``, digits with ``digit``, other characters with ``other``, and letters
    without case (Chinese, Arabic...) with ``letter``. ``None`` keeps a class as it is, except for
    ``letter``: ``None`` there counts uncased letters as ``other``, exactly as Spark does, so
    ``veil_mask_classes(c, u, l, d, o, None)`` equals ``mask(c, u, l, d, o)``. The defaults are
    ``mask()``'s, plus ``'X'`` for uncased letters (``mask()`` leaves Chinese names readable).

    SQL: ``veil_mask_classes(str[, upper, lower, digit, other[, letter]])``.

    >>> one.select(veil_mask_classes(F.lit("AbCd-123 王伟"))).first()[0]
    'XxXx-nnn XX'
    >>> one.select(veil_mask_classes(F.lit("AbCd-123 王伟"), "X", "x", "n", None, None)).first()[0]
    'XxXx-nnn 王伟'
    >>> one.select(veil_mask_classes(F.lit("AbCd-123"), None, None, "#", "*")).first()[0]
    'AbCd*###'
    """
    classes = [upper, lower, digit, other]
    if letter == "X":
        if classes == ["X", "x", "n", None]:
            return _call("veil_mask_classes", col)
        return _call("veil_mask_classes", col, *classes)
    return _call("veil_mask_classes", col, *classes, letter)


def veil_mask_email(col: ColumnOrName, char: str | None = None) -> Column:
    """Keeps the first character of an e-mail address's local part and its domain and replaces the
    rest with ``char`` (``'*'``). Where that hides fewer than 4 of the address's letters and
    digits, or less than a third of them, the whole local part is hidden; where that still does,
    and for a value without a local part and ``@``, the value is masked whole.

    SQL: ``veil_mask_email(email[, char])``.

    >>> one.select(veil_mask_email(F.lit("zhang.wei@example.com"))).first()[0]
    'z********@example.com'
    >>> one.select(veil_mask_email(F.lit("li.na@gmail.com"))).first()[0]
    '*****@gmail.com'
    >>> one.select(veil_mask_email(F.lit("no address"))).first()[0]
    '**********'
    """
    return _call("veil_mask_email", col, *_trimmed([char], 1))


def veil_truncate(col: ColumnOrName, keep_first_unit_or_width: int | float | str,
                  keep_last: int | None = None) -> Column:
    """Generalizes a value, keeping its type. A string keeps its first ``keep_first`` and last
    ``keep_last`` characters (a value no longer than that is masked whole with ``'*'``); a date or
    timestamp becomes the start of its ``'year'``, ``'month'``, ``'day'`` or ``'hour'``; a number
    is floored to a multiple of ``width``.

    SQL: ``veil_truncate(str, keep_first[, keep_last])``, ``veil_truncate(date_or_timestamp,
    unit)``, ``veil_truncate(number, width)``.

    >>> one.select(veil_truncate(F.lit("100085"), 3)).first()[0]
    '100'
    >>> one.select(veil_truncate(F.lit("13812345678"), 3, 4)).first()[0]
    '1385678'
    >>> one.select(veil_truncate(F.lit("Li"), 1, 1)).first()[0]
    '**'
    >>> one.select(veil_truncate(F.lit(datetime.date(1990, 7, 15)), "year")).first()[0]
    datetime.date(1990, 1, 1)
    >>> one.select(veil_truncate(F.expr("TIMESTAMP'2024-03-05 10:42:17'"), "hour")).first()[0]
    datetime.datetime(2024, 3, 5, 10, 0)
    >>> one.select(veil_truncate(F.lit(4321), 1000)).first()[0]
    4000
    """
    return _call("veil_truncate", col, *_trimmed([keep_first_unit_or_width, keep_last], 1))


def veil_shift(col: ColumnOrName, by: ColumnOrName, key_name: str, max_days: int,
               min_days: int | None = None) -> Column:
    """Moves a date or timestamp by a keyed offset per person (``by``, the person's identifier),
    never 0 days: uniform in [-max_days, -min_days] and [min_days, max_days], the same for every
    date of one person in every table, query and run, so intervals survive.

    SQL: ``veil_shift(date_or_ts, by_value, key_name, max_days[, min_days])``.

    >>> d = F.lit(datetime.date(2024, 3, 1))
    >>> one.select(veil_shift(d, F.lit("p-7"), "pii", 365) != d).first()[0]
    True
    >>> later = veil_shift(F.lit(datetime.date(2024, 3, 9)), F.lit("p-7"), "pii", 365)
    >>> one.select(F.datediff(later, veil_shift(d, F.lit("p-7"), "pii", 365))).first()[0]
    8
    >>> days = F.abs(F.datediff(veil_shift(d, F.lit("p-7"), "pii", 30, 10), d))
    >>> one.select(days.between(10, 30)).first()[0]
    True
    """
    return F.call_function("veil_shift", _column(col), _column(by),
                           *[_constant(c) for c in _trimmed([key_name, max_days, min_days], 1)])


def veil_unshift(col: ColumnOrName, by: ColumnOrName, key_name: str, max_days: int,
                 min_days: int | None = None) -> Column:
    """Moves back what `veil_shift` moved with the same ``by``, key and days.

    SQL: ``veil_unshift(date_or_ts, by_value, key_name, max_days[, min_days])``.

    >>> shifted = veil_shift(F.lit(datetime.date(2024, 3, 1)), F.lit("p-7"), "pii", 365)
    >>> one.select(veil_unshift(shifted, F.lit("p-7"), "pii", 365)).first()[0]
    datetime.date(2024, 3, 1)
    >>> ts = F.expr("TIMESTAMP_NTZ'2024-03-01 08:30:00'")
    >>> one.select(veil_unshift(veil_shift(ts, F.lit(42), "pii", 30, 7), F.lit(42), "pii", 30, 7)).first()[0]
    datetime.datetime(2024, 3, 1, 8, 30)
    """
    return F.call_function("veil_unshift", _column(col), _column(by),
                           *[_constant(c) for c in _trimmed([key_name, max_days, min_days], 1)])


def veil_noise(col: ColumnOrName, key_name: str, distribution: str, scale: float,
               by: ColumnOrName | None = None) -> Column:
    """The number plus keyed ``'laplace'``, ``'gaussian'`` (``scale`` the standard deviation) or
    ``'uniform'`` (within plus or minus ``scale``) noise, of the number's type: the same value (and
    ``by``, a row or person identity) gets the same noise in every query and run.

    SQL: ``veil_noise(number, key_name, distribution, scale[, by_value])``.

    >>> n = F.lit(1000)
    >>> one.select(veil_noise(n, "pii", "laplace", 50) == veil_noise(n, "pii", "laplace", 50)).first()[0]
    True
    >>> one.select(F.abs(veil_noise(n, "pii", "uniform", 50) - 1000) <= 50).first()[0]
    True
    >>> one.select(F.typeof(veil_noise(F.expr("CAST(12.50 AS DECIMAL(6,2))"), "pii", "gaussian", 2))).first()[0]
    'decimal(6,2)'
    """
    arguments = [_column(col), _constant(key_name), _constant(distribution), _constant(scale)]
    if by is not None:
        arguments.append(_column(by))
    return F.call_function("veil_noise", *arguments)


def veil_generalize(col: ColumnOrName, spec: str) -> Column:
    """A coarser value: a number's band (``'bands=0,18,25,35,50,65'``, labels such as ``'25-34'``
    and ``'65+'``, or ``';labels=false'`` for the band's lower bound), a date's band of age at
    ``';reference-date=...'``, or a string's prefix (``'keep-first=3'``) with the rest as ``*``.

    SQL: ``veil_generalize(value, spec)``.

    >>> one.select(veil_generalize(F.lit(29), "bands=0,18,25,35,50,65")).first()[0]
    '25-34'
    >>> one.select(veil_generalize(F.lit(70), "bands=0,18,25,35,50,65")).first()[0]
    '65+'
    >>> one.select(veil_generalize(F.lit(29), "bands=0,18,25,35;labels=false")).first()[0]
    25
    >>> born = F.lit(datetime.date(1990, 6, 15))
    >>> one.select(veil_generalize(born, "bands=0,18,30,45,65;reference-date=2026-01-01")).first()[0]
    '30-44'
    >>> one.select(veil_generalize(F.lit("100085"), "keep-first=3")).first()[0]
    '100***'
    """
    return _call("veil_generalize", col, spec)


def veil_redact(col: ColumnOrName, style: str | None = None, key_name: str | None = None,
                types: str | None = None) -> Column:
    """The text with each e-mail address, phone number, ID number, SSN, NI number, bank card,
    IBAN, IP or MAC address, coordinate pair and postal address found in it replaced: by its type
    (``'type'``, the default: ``[EMAIL]``), its mask (``'mask'``), or ``[TYPE:pseudonym]``
    (``'pseudonym'``, with a key); ``types`` lists the types redacted, comma-separated.

    SQL: ``veil_redact(text[, style[, key_name[, types]]])``.

    >>> one.select(veil_redact(F.lit("Call 13812345678 or mail li.wei@example.com, order 20240115"))).first()[0]
    'Call [PHONE] or mail [EMAIL], order 20240115'
    >>> one.select(veil_redact(F.lit("mail zhang.wei.88@example.com"), "mask")).first()[0]
    'mail z***********@example.com'
    >>> one.select(veil_redact(F.lit("from 10.1.2.3 or 13812345678"), "type", None, "ip-address")).first()[0]
    'from [IP_ADDRESS] or 13812345678'
    >>> a = F.lit("a@example.com")
    >>> one.select(veil_redact(a, "pseudonym", "pii") == F.concat(F.lit("[EMAIL:"), veil_pseudonym(a, "pii"), F.lit("]"))).first()[0]
    True
    """
    return _call("veil_redact", col, *_trimmed([style, key_name, types], 3))


def veil_pseudonym(col: ColumnOrName, key_name: str, prefix: str | None = None,
                   length: int | None = None, context: str | None = None) -> Column:
    """A keyed pseudonym: ``prefix`` and the first ``length`` (20 to 64, 20 by default) hex digits
    of HMAC-SHA256 of the value under the key. The same value, key and context give the same
    pseudonym in every table, query and run, so joins still work.

    SQL: ``veil_pseudonym(value, key_name[, prefix[, length[, context]]])``.

    >>> a = F.lit("alice@example.com")
    >>> one.select(veil_pseudonym(a, "pii") == veil_pseudonym(a, "pii")).first()[0]
    True
    >>> one.select(veil_pseudonym(a, "pii", "user_", 24).rlike("^user_[0-9a-f]{24}$")).first()[0]
    True
    >>> one.select(F.length(veil_pseudonym(F.lit(42), "pii"))).first()[0]
    20
    >>> one.select(veil_pseudonym(a, "pii", "", 20, "crm.email") == veil_pseudonym(a, "pii")).first()[0]
    False
    """
    constants = [key_name, prefix, length, context]
    if context is not None:
        constants[1:3] = ["" if prefix is None else prefix, 20 if length is None else length]
    elif length is not None and prefix is None:
        constants[1] = ""
    return _call("veil_pseudonym", col, *_trimmed(constants, 3))


def veil_fake(col: ColumnOrName, key_name: str, dictionary: str) -> Column:
    """A keyed fake value from a dictionary (``name-zh``, ``name-latin``, ``first-name``,
    ``last-name``, ``city``, ``street``, ``email``, ``word``): the same value and key give the same
    fake in every table, query and run.

    SQL: ``veil_fake(value, key_name, dictionary)``.

    >>> a = F.lit("alice@example.com")
    >>> one.select(veil_fake(a, "pii", "email") == veil_fake(a, "pii", "email")).first()[0]
    True
    >>> one.select(veil_fake(a, "pii", "email").like("%@%example%")).first()[0]
    True
    >>> one.select(F.char_length(veil_fake(F.lit("王伟"), "pii", "name-zh")).between(2, 4)).first()[0]
    True
    """
    return _call("veil_fake", col, key_name, dictionary)


def veil_encrypt(col: ColumnOrName, key_name: str, context: str | None = None) -> Column:
    """AES-256-GCM under the key's primary version (32 bytes) and a random IV, in Veil's envelope,
    as base64 text: the job's ``mode = randomized``. Each call gives a different ciphertext.

    SQL: ``veil_encrypt(value, key_name[, context])``.

    >>> one.select(veil_decrypt(veil_encrypt(F.lit("alice"), "pii"), "pii")).first()[0]
    'alice'
    >>> one.select(veil_encrypt(F.lit("alice"), "pii") == veil_encrypt(F.lit("alice"), "pii")).first()[0]
    False
    >>> one.select(veil_decrypt(veil_encrypt(F.lit("alice"), "pii", "customers.name"), "pii", "customers.name")).first()[0]
    'alice'
    """
    return _call("veil_encrypt", col, *_trimmed([key_name, context], 1))


def veil_encrypt_deterministic(col: ColumnOrName, key_name: str, context: str | None = None) -> Column:
    """AES-SIV under the key's primary version (64 bytes), in Veil's envelope, as base64 text: the
    job's ``mode = deterministic``. Equal values give equal ciphertexts, so the result still joins.

    SQL: ``veil_encrypt_deterministic(value, key_name[, context])``.

    >>> a = F.lit("alice")
    >>> one.select(veil_encrypt_deterministic(a, "pii_siv") == veil_encrypt_deterministic(a, "pii_siv")).first()[0]
    True
    >>> one.select(veil_decrypt(veil_encrypt_deterministic(a, "pii_siv"), "pii_siv")).first()[0]
    'alice'
    """
    return _call("veil_encrypt_deterministic", col, *_trimmed([key_name, context], 1))


def veil_decrypt(col: ColumnOrName, key_name: str, context: str | None = None,
                 envelope: str | None = None) -> Column:
    """Decrypts what `veil_encrypt`, `veil_encrypt_deterministic` or the job wrote
    (mode and key version read from the envelope), as a string: cast it back for values that were
    not strings. ``envelope='spark'`` reads Spark's ``aes_encrypt`` layout instead.

    SQL: ``veil_decrypt(ciphertext, key_name[, context[, envelope]])``.

    >>> one.select(veil_decrypt(veil_encrypt(F.lit("alice"), "pii"), "pii")).first()[0]
    'alice'
    >>> back = veil_decrypt(veil_encrypt_deterministic(F.lit(42), "pii_siv"), "pii_siv")
    >>> one.select(back.cast("int") + 1).first()[0]
    43
    >>> one.select(veil_decrypt(F.lit(None).cast("string"), "pii")).first()[0] is None
    True
    >>> one.select(veil_decrypt(F.lit(None).cast("string"), "pii", "customers.name", "spark")).first()[0] is None
    True
    """
    return _call("veil_decrypt", col, *_trimmed([key_name, context, envelope], 2))


def veil_fpe_encrypt(col: ColumnOrName, key_name: str, alphabet: str | None = None,
                     context: str | None = None) -> Column:
    """Format-preserving encryption (NIST FF1) under the key's primary version: characters of the
    alphabet (``'digits'``, ``'hex'``, ``'alphanumeric'`` or the characters themselves) are
    encrypted, every other character stays in place, and the length is kept.

    SQL: ``veil_fpe_encrypt(value, key_name[, alphabet[, context]])``.

    >>> one.select(F.regexp_replace(veil_fpe_encrypt(F.lit("138-1234-5678"), "pii"), "[0-9]", "#")).first()[0]
    '###-####-####'
    >>> one.select(veil_fpe_decrypt(veil_fpe_encrypt(F.lit("138-1234-5678"), "pii"), "pii")).first()[0]
    '138-1234-5678'
    """
    if context is not None and alphabet is None:
        alphabet = "digits"
    return _call("veil_fpe_encrypt", col, *_trimmed([key_name, alphabet, context], 2))


def veil_fpe_decrypt(col: ColumnOrName, key_name: str, alphabet: str | None = None,
                     context: str | None = None) -> Column:
    """Reverses `veil_fpe_encrypt` with the same key, alphabet and context.

    SQL: ``veil_fpe_decrypt(ciphertext, key_name[, alphabet[, context]])``.

    >>> id_card = F.lit("110105194910010021")
    >>> one.select(veil_fpe_decrypt(veil_fpe_encrypt(id_card, "pii", "digits", "id"), "pii", "digits", "id")).first()[0]
    '110105194910010021'
    """
    if context is not None and alphabet is None:
        alphabet = "digits"
    return _call("veil_fpe_decrypt", col, *_trimmed([key_name, alphabet, context], 2))
