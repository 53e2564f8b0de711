"""Packs rendered PNGs into a Windows .ico and a macOS .icns (both hold PNG data as is).

    python3 containers.py PNG_DIR OUT.ico OUT.icns     PNG_DIR holds 16.png … 1024.png
"""

import struct
import sys
from pathlib import Path

# Windows shows 16 (small icons), 24, 32 (menus), 48 (Explorer), 64 and 256 (large views).
ICO_SIZES = [16, 24, 32, 48, 64, 256]
# macOS element types that hold PNG data, with the pixel size each wants.
ICNS_TYPES = [
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024),  # ic10: 512x512@2x
    (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),  # @2x of 16, 32, 128, 256
]


def ico(pngs: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = 6 + 16 * len(ICO_SIZES)
    entries, data = b"", b""
    for n in ICO_SIZES:
        png = pngs[n]
        # Width and height 0 mean 256.
        entries += struct.pack("<BBBBHHII", n % 256, n % 256, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(t + struct.pack(">I", 8 + len(pngs[n])) + pngs[n] for t, n in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> None:
    src, ico_out, icns_out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    sizes = {n for n in ICO_SIZES} | {n for _, n in ICNS_TYPES}
    pngs = {n: (src / f"{n}.png").read_bytes() for n in sizes}
    ico_out.write_bytes(ico(pngs))
    icns_out.write_bytes(icns(pngs))


if __name__ == "__main__":
    main()
