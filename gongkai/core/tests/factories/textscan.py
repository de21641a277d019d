"""Generators for the scanner tests (no tests here): numbers are built from the rules, not by the scanner."""

import datetime
import random

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
REGIONS = ("360732", "360781", "110105", "440305", "510104", "652801", "330106", "820000")


def id_check(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def random_id(rng: random.Random, *, region: str | None = None, born: datetime.date | None = None) -> str:
    region = region or rng.choice(REGIONS)
    born = born or datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(80 * 365))
    first17 = f"{region}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + id_check(first17)


def corrupt(number: str, rng: random.Random) -> str:
    """Change one of the first 17 digits so the check character no longer fits (the result never validates)."""
    while True:
        i = rng.randrange(17)
        digit = str((int(number[i]) + rng.randrange(1, 10)) % 10)
        changed = number[:i] + digit + number[i + 1 :]
        if id_check(changed[:17]) != changed[17]:
            return changed


def luhn_complete(prefix: str) -> str:
    """``prefix`` plus the Luhn check digit."""
    total = 0
    for i, c in enumerate(reversed(prefix)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return prefix + str((10 - total % 10) % 10)


def random_card(rng: random.Random, length: int = 19) -> str:
    body = "622202" + "".join(str(rng.randrange(10)) for _ in range(length - 7))
    return luhn_complete(body)


def random_mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10)}{rng.randrange(10**8):08d}"


def tiny_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF with ASCII lines of text in Helvetica, one list of lines per page (no PDF library needed)."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    for lines in pages:
        stream = (
            b"BT /F1 12 Tf 72 760 Td 14 TL "
            + b"".join(
                b"(" + line.encode("ascii").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T* "
                for line in lines
            )
            + b"ET"
        )
        content_id = 4 + len(objects)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_id = 4 + len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        page_ids.append(page_id)
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    body = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_ids),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(body, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)
