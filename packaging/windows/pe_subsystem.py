"""Copies a PE program, setting the subsystem field of its header: `console` or `windows`.

    python3 pe_subsystem.py IN.exe OUT SUBSYSTEM

Used to make copydesk.com, the console twin of the GUI copydesk.exe: the same bytes but
one header field (and the header checksum, when the linker set one).
"""

import struct
import sys

SUBSYSTEMS = {"windows": 2, "console": 3}


def pe_checksum(data: bytes, checksum_at: int) -> int:
    total = 0
    padded = data + b"\0" * (len(data) % 2)
    for i in range(0, len(padded), 2):
        if i == checksum_at or i == checksum_at + 2:
            continue
        total += padded[i] | padded[i + 1] << 8
        total = (total & 0xFFFF) + (total >> 16)
    total = (total & 0xFFFF) + (total >> 16)
    return (total + len(data)) & 0xFFFFFFFF


def main() -> None:
    src, dst, kind = sys.argv[1], sys.argv[2], sys.argv[3]
    data = bytearray(open(src, "rb").read())
    if data[:2] != b"MZ":
        sys.exit(f"{src}: not a PE program")
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe : pe + 4] != b"PE\0\0":
        sys.exit(f"{src}: no PE header")
    optional = pe + 4 + 20
    if struct.unpack_from("<H", data, optional)[0] not in (0x10B, 0x20B):
        sys.exit(f"{src}: unknown optional header")
    checksum_at, subsystem_at = optional + 64, optional + 68
    struct.pack_into("<H", data, subsystem_at, SUBSYSTEMS[kind])
    if struct.unpack_from("<I", data, checksum_at)[0] != 0:
        struct.pack_into("<I", data, checksum_at, pe_checksum(bytes(data), checksum_at))
    open(dst, "wb").write(data)


if __name__ == "__main__":
    main()
