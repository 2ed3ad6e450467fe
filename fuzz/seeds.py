#!/usr/bin/env python3
"""Writes a small seed corpus for each fuzz target into DIR/<target>/seed-*.

Standard library only: the PDFs mirror `small_pdf` of tests/tests/e2e/app.rs, the images come
from the tiny PNG, JPEG and TIFF writers below. Usage: seeds.py DIR
"""
import math
import struct
import sys
import zlib
from pathlib import Path


def pdf(objects):
    """A PDF with a correct cross-reference table; objects are bytes, numbered from 1."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(dict_entries, data):
    return b"<< %s /Length %d >>\nstream\n" % (dict_entries, len(data)) + data + b"\nendstream"


def text_pdf(text):
    """Like `small_pdf`: one page of text, no image."""
    content = b"BT /F1 18 Tf 72 760 Td (" + text + b") Tj ET"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(b"", content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def scan_pdf(jpeg, w, h, gray):
    """A scanned batch: page 1 a JPEG (/DCTDecode), page 2 zlib with the PNG predictor, rotated."""
    rows = b"".join(b"\x00" + bytes(gray[y * w:(y + 1) * w]) for y in range(h))
    draw = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
        stream(b"", draw),
        stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8"
               b" /ColorSpace /DeviceGray /Filter /DCTDecode" % (w, h), jpeg),
        b"<< /Type /Page /Parent 2 0 R /Rotate 90 /Contents 7 0 R"
        b" /Resources << /XObject << /Im0 8 0 R >> >> >>",
        stream(b"", draw),
        stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8"
               b" /ColorSpace /DeviceGray /Filter /FlateDecode"
               b" /DecodeParms << /Predictor 15 /Columns %d >>" % (w, h, w), zlib.compress(rows)),
    ])


def png(w, h, rgb):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(rgb[y * w * 3:(y + 1) * w * 3]) for y in range(h))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", 7874, 7874, 1))  # 200 dpi
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


def tiff(pages):
    """Little-endian multi-page TIFF, uncompressed; pages are (w, h, bits, samples, data)."""
    out = bytearray(b"II*\0\0\0\0\0")
    previous_next = 4  # where the offset of the next IFD goes
    for w, h, bits, spp, data in pages:
        strip = len(out)
        out += data
        if len(out) % 2:
            out += b"\0"
        res = len(out)
        out += struct.pack("<IIII", 300, 1, 300, 1)
        ifd = len(out)
        struct.pack_into("<I", out, previous_next, ifd)
        entries = [
            (256, 3, 1, w), (257, 3, 1, h), (258, 3, 1, bits), (259, 3, 1, 1),
            (262, 3, 1, 2 if spp == 3 else (0 if bits == 1 else 1)),
            (273, 4, 1, strip), (277, 3, 1, spp), (278, 3, 1, h), (279, 4, 1, len(data)),
            (282, 5, 1, res), (283, 5, 1, res + 8), (296, 3, 1, 2),
        ]
        out += struct.pack("<H", len(entries))
        for tag, kind, count, value in entries:
            out += struct.pack("<HHI", tag, kind, count)
            out += struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        previous_next = len(out)
        out += b"\0\0\0\0"
    return bytes(out)


ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34,
          27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37,
          44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63]


def jpeg(w, h, gray, exif_orientation=None):
    """A baseline greyscale JPEG (w, h multiples of 8), with simple flat Huffman tables."""
    quant = [4] * 64
    dc_symbols = list(range(12))                                      # all 4 bits long
    ac_symbols = [0x00, 0xF0] + [r << 4 | s for r in range(16) for s in range(1, 11)]  # 8 bits

    def codes(symbols, length):
        return {s: (i, length) for i, s in enumerate(symbols)}
    dc_codes, ac_codes = codes(dc_symbols, 4), codes(ac_symbols, 8)

    bits = []

    def put(value, n):
        bits.extend((value >> (n - 1 - i)) & 1 for i in range(n))

    def category(v):
        return 0 if v == 0 else abs(v).bit_length()

    def put_value(v, size):
        put(v if v >= 0 else v + (1 << size) - 1, size)

    previous_dc = 0
    for by in range(0, h, 8):
        for bx in range(0, w, 8):
            block = [gray[(by + y) * w + bx + x] - 128 for y in range(8) for x in range(8)]
            coefficients = []
            for v in range(8):
                for u in range(8):
                    s = sum(block[y * 8 + x]
                            * math.cos((2 * x + 1) * u * math.pi / 16)
                            * math.cos((2 * y + 1) * v * math.pi / 16)
                            for y in range(8) for x in range(8))
                    cu = math.sqrt(0.5) if u == 0 else 1
                    cv = math.sqrt(0.5) if v == 0 else 1
                    coefficients.append(round(s * cu * cv / 4 / quant[v * 8 + u]))
            zz = [coefficients[i] for i in ZIGZAG]
            diff = zz[0] - previous_dc
            previous_dc = zz[0]
            size = category(diff)
            put(*dc_codes[size])
            if size:
                put_value(diff, size)
            run = 0
            for c in zz[1:]:
                if c == 0:
                    run += 1
                    continue
                while run > 15:
                    put(*ac_codes[0xF0])
                    run -= 16
                size = min(category(c), 10)
                put(*ac_codes[run << 4 | size])
                put_value(c, size)
                run = 0
            if run:
                put(*ac_codes[0x00])
    bits.extend([1] * (-len(bits) % 8))
    scan = bytearray()
    for i in range(0, len(bits), 8):
        byte = int("".join(map(str, bits[i:i + 8])), 2)
        scan.append(byte)
        if byte == 0xFF:
            scan.append(0)

    def segment(marker, data):
        return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data

    def dht(class_id, symbols, length):
        counts = [0] * 16
        counts[length - 1] = len(symbols)
        return segment(0xC4, bytes([class_id]) + bytes(counts) + bytes(symbols))

    out = b"\xff\xd8" + segment(0xE0, b"JFIF\0\x01\x01\x01" + struct.pack(">HH", 200, 200) + b"\0\0")
    if exif_orientation:
        ifd = b"II*\0\x08\0\0\0" + struct.pack("<HHHIHH", 1, 0x0112, 3, 1, exif_orientation, 0) + b"\0\0\0\0"
        out += segment(0xE1, b"Exif\0\0" + ifd)
    out += segment(0xDB, b"\x00" + bytes(quant))
    out += segment(0xC0, b"\x08" + struct.pack(">HH", h, w) + b"\x01\x01\x11\x00")
    out += dht(0x00, dc_symbols, 4) + dht(0x10, ac_symbols, 8)
    out += segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + bytes(scan) + b"\xff\xd9"
    return out


def main(root):
    w, h = 32, 24
    # A sheet of "paper" with two lines of "text" on a darker background.
    gray = [60 if x < 3 or y < 3 or x >= w - 3 or y >= h - 3
            else (20 if y in (8, 9, 14) and 6 <= x < 26 else 235)
            for y in range(h) for x in range(w)]
    rgb = [v for g in gray for v in (g, g, min(255, g + 10))]
    photo = jpeg(w, h, gray)
    bilevel = bytes(sum(0x80 >> b for b in range(8) if gray[y * w + x0 + b] < 128)
                    for y in range(h) for x0 in range(0, w, 8))
    seeds = {
        "numero_unique": {
            "contiguous": b"0761013081664DGALN",
            "spaced": b"057 1215 073903 10691",
            "corsica": b"02A0124000001TESTK",
            "reunion": b"9741299123456GDPUB",
            "bad-month": b"0751320123456DGALN",
        },
        "registry_csv": {
            "rows": b"numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n"
                    b"0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n"
                    b"02A0124000001TESTK,MARTIN,Paul,1975-11-30,radiee,02A,TESTK,2024-01-15\n",
            "email": "\ufeffnumero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot,email\n"
                     "0751220123456DGALN,\"DUPONT, née LEGRAND\",Marie,1980-02-03,active,075,DGALN,2020-12-01,marie@example.org\n"
                     "0751220123457DGALN,DUPONT,Luc,1980-02-03,active,075,DGALN,2020-12-01,\n".encode(),
        },
        "file_intake": {
            "text.pdf": text_pdf(b"Hello"),
            "scan.pdf": scan_pdf(photo, w, h, gray),
            "photo.jpg": photo,
            "rotated.jpg": jpeg(w, h, gray, exif_orientation=6),
            "photo.png": png(w, h, rgb),
            "batch.tif": tiff([(w, h, 8, 1, bytes(gray)), (w, h, 1, 1, bilevel),
                               (w, h, 8, 3, bytes(rgb))]),
        },
    }
    for target, files in seeds.items():
        directory = Path(root) / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (directory / f"seed-{name}").write_bytes(data)


if __name__ == "__main__":
    main(sys.argv[1])
