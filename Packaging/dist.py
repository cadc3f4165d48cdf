#!/usr/bin/env python3
"""`make dist`: the release tarball and the Python wheel around a built, static `docharness`.

Reads the binary's ELF dynamic section to prove it needs nothing but glibc's and GCC's runtime
libraries (no toolchain path, no RUNPATH), derives the honest manylinux tag from the newest glibc
symbol version it references, and writes, reproducibly (every timestamp is the commit's):

    dist/docharness-VERSION-linux-x86_64.tar.gz
    dist/docharness-VERSION-py3-none-manylinux_2_N_x86_64.whl

Licences of what is linked in are gathered from the checkouts, the toolchain and Debian's
copyright files at dist time (never committed).
"""

from __future__ import annotations

import argparse
import base64
import csv
import gzip
import hashlib
import io
import os
import re
import struct
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The libraries a manylinux wheel may expect on the system (PEP 600's base set that glibc and GCC
# provide); anything else must be linked in.
SYSTEM_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1",
    "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2",
}

SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29


class ElfDependencies:
    """The shared libraries, search paths and symbol versions an ELF64 executable asks for."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise SystemExit(f"{path}: not a little-endian ELF64 file")
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]

        def string(section_index: int, offset: int) -> str:
            start = sections[section_index][4] + offset
            return data[start:data.index(b"\0", start)].decode()

        self.needed: list[str] = []
        self.search_paths: list[str] = []
        self.versions: dict[str, list[str]] = {}
        for _name, kind, _flags, _addr, offset, size, link, _info, _align, _entsize in sections:
            if kind == SHT_DYNAMIC:
                for position in range(offset, offset + size, 16):
                    tag, value = struct.unpack_from("<qQ", data, position)
                    if tag == DT_NEEDED:
                        self.needed.append(string(link, value))
                    elif tag in (DT_RPATH, DT_RUNPATH):
                        self.search_paths.append(string(link, value))
            elif kind == SHT_GNU_VERNEED:
                position = offset
                while True:
                    _version, count, file_name, aux, following = struct.unpack_from("<HHIII", data, position)
                    library = string(link, file_name)
                    entry = position + aux
                    for _ in range(count):
                        _hash, _vflags, _other, name, next_aux = struct.unpack_from("<IHHII", data, entry)
                        self.versions.setdefault(library, []).append(string(link, name))
                        entry += next_aux
                    if not following:
                        break
                    position += following

    def newest(self, prefix: str) -> tuple[int, ...]:
        """The newest version named `prefix`x.y.z among every library's requirements."""
        found = [tuple(int(part) for part in name[len(prefix):].split("."))
                 for names in self.versions.values() for name in names
                 if name.startswith(prefix) and re.fullmatch(r"[0-9.]+", name[len(prefix):])]
        return max(found, default=(0,))


def checked_binary(path: Path) -> ElfDependencies:
    """The binary's dependencies, after failing on any library a bare glibc system lacks."""
    elf = ElfDependencies(path)
    foreign = [name for name in elf.needed if name not in SYSTEM_LIBRARIES]
    if foreign or elf.search_paths:
        raise SystemExit(
            f"{path} is not self-contained: needs {', '.join(foreign) or 'nothing foreign'}"
            f"{'; searches ' + ', '.join(elf.search_paths) if elf.search_paths else ''}. "
            "Build it with `make dist` (static Swift runtime, libxml2, ICU, xz, zlib and SQLite archives).")
    return elf


def third_party_licences(checkouts: Path) -> str:
    """The licence texts of everything linked into the binary, read where they were installed."""
    parts = ["# Licences of the software linked into docharness\n",
             "The docharness binary statically links the Swift runtime and Foundation, the Swift packages "
             "below, and libxml2, ICU, xz (liblzma), zlib and SQLite from Debian. Their licences follow.\n"]
    sources: list[tuple[str, Path]] = [("Swift runtime and Foundation (swift.org toolchain)",
                                        Path("/opt/swift/usr/share/swift/LICENSE.txt"))]
    for checkout in sorted(checkouts.iterdir()) if checkouts.is_dir() else []:
        for name in ("LICENSE.txt", "LICENSE", "LICENSE.md", "COPYING"):
            if (checkout / name).is_file():
                sources.append((f"Swift package {checkout.name}", checkout / name))
                break
    for package in ("libxml2", "libicu72", "liblzma5", "zlib1g", "libsqlite3-0"):
        sources.append((f"Debian package {package}", Path(f"/usr/share/doc/{package}/copyright")))
    for title, path in sources:
        if path.is_file():
            parts.append(f"\n## {title}\n\n```\n{path.read_text(errors='replace').strip()}\n```\n")
        else:
            parts.append(f"\n## {title}\n\n(licence file not found at {path} when this archive was made)\n")
    return "".join(parts)


def record_line(name: str, data: bytes) -> list[str]:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return [name, f"sha256={digest}", str(len(data))]


def write_zip_entry(archive: zipfile.ZipFile, name: str, data: bytes, mode: int, timestamp: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(name, date_time=timestamp)
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9)


def write_wheel(out: Path, binary: bytes, version: str, platform: str, readme: str, licence: str,
                notices: str, epoch: int) -> Path:
    """A wheel whose install puts `docharness` in the environment's scripts folder."""
    tag = f"py3-none-{platform}"
    wheel_path = out / f"docharness-{version}-{tag}.whl"
    dist_info = f"docharness-{version}.dist-info"
    metadata = "\n".join([
        "Metadata-Version: 2.4",
        "Name: docharness",
        f"Version: {version}",
        "Summary: Scores Python docstrings (completeness, clarity, style, complexity match), gates pull requests on them, and replays LLM traffic offline.",
        "License-Expression: MIT",
        "License-File: LICENSE",
        "License-File: THIRD_PARTY_LICENSES.md",
        "Requires-Python: >=3.8",
        "Keywords: docstrings,linter,documentation,llm,pre-commit",
        "Classifier: Development Status :: 4 - Beta",
        "Classifier: Environment :: Console",
        "Classifier: Intended Audience :: Developers",
        "Classifier: Operating System :: POSIX :: Linux",
        "Classifier: Programming Language :: Python :: 3",
        "Classifier: Programming Language :: Swift",
        "Classifier: Topic :: Software Development :: Documentation",
        "Classifier: Topic :: Software Development :: Quality Assurance",
        "Description-Content-Type: text/markdown",
        "",
        readme,
    ])
    wheel_file = f"Wheel-Version: 1.0\nGenerator: docharness Packaging/dist.py\nRoot-Is-Purelib: false\nTag: {tag}\n"
    files: list[tuple[str, bytes, int]] = []
    for source in sorted((ROOT / "Packaging/python/docharness").glob("*.py")):
        files.append((f"docharness/{source.name}", source.read_bytes(), 0o644))
    files += [
        (f"docharness-{version}.data/scripts/docharness", binary, 0o755),
        (f"{dist_info}/METADATA", metadata.encode(), 0o644),
        (f"{dist_info}/WHEEL", wheel_file.encode(), 0o644),
        (f"{dist_info}/licenses/LICENSE", licence.encode(), 0o644),
        (f"{dist_info}/licenses/THIRD_PARTY_LICENSES.md", notices.encode(), 0o644),
    ]
    rows = [record_line(name, data) for name, data, _ in files] + [[f"{dist_info}/RECORD", "", ""]]
    record = io.StringIO()
    csv.writer(record, lineterminator="\n").writerows(rows)
    files.append((f"{dist_info}/RECORD", record.getvalue().encode(), 0o644))
    timestamp = zip_time(epoch)
    temporary = wheel_path.with_suffix(".whl.partial")
    with zipfile.ZipFile(temporary, "w") as archive:
        for name, data, mode in files:
            write_zip_entry(archive, name, data, mode, timestamp)
    temporary.replace(wheel_path)
    return wheel_path


def zip_time(epoch: int) -> tuple[int, ...]:
    """The ZIP timestamp of `epoch` (ZIP cannot hold times before 1980)."""
    return tuple(time.gmtime(max(epoch, 315532800))[:6])


def write_tarball(out: Path, binary: bytes, version: str, readme: str, licence: str, notices: str, epoch: int) -> Path:
    """`docharness-VERSION-linux-x86_64/` with the binary, the licences and a short README."""
    folder = f"docharness-{version}-linux-x86_64"
    path = out / f"{folder}.tar.gz"
    temporary = path.with_suffix(".gz.partial")
    entries = [("docharness", binary, 0o755), ("LICENSE", licence.encode(), 0o644),
               ("THIRD_PARTY_LICENSES.md", notices.encode(), 0o644), ("README.md", readme.encode(), 0o644)]
    with open(temporary, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=epoch, filename="") as compressed, \
            tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive:
        directory = tarfile.TarInfo(folder)
        directory.type, directory.mode, directory.mtime = tarfile.DIRTYPE, 0o755, epoch
        archive.addfile(directory)
        for name, data, mode in entries:
            info = tarfile.TarInfo(f"{folder}/{name}")
            info.size, info.mode, info.mtime = len(data), mode, epoch
            archive.addfile(info, io.BytesIO(data))
    temporary.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", type=Path, required=True, help="the built, stripped docharness")
    parser.add_argument("--version", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--checkouts", type=Path, default=ROOT / ".build/checkouts")
    arguments = parser.parse_args()

    elf = checked_binary(arguments.binary)
    glibc = elf.newest("GLIBC_")
    platform = f"manylinux_{glibc[0]}_{glibc[1]}_x86_64"
    binary = arguments.binary.read_bytes()
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True).stdout.strip() or 0)
    readme = (ROOT / "Packaging/README.md").read_text()
    licence = (ROOT / "LICENSE").read_text()
    notices = third_party_licences(arguments.checkouts)
    arguments.out.mkdir(parents=True, exist_ok=True)
    tarball = write_tarball(arguments.out, binary, arguments.version, readme, licence, notices, epoch)
    wheel = write_wheel(arguments.out, binary, arguments.version, platform, readme, licence, notices, epoch)
    needs = ", ".join(elf.needed)
    print(f"binary: {len(binary) / 1e6:.1f} MB, needs {needs}; newest glibc symbol {'.'.join(map(str, glibc))}, "
          f"libstdc++ {'.'.join(map(str, elf.newest('GLIBCXX_')))}")
    for artefact in (tarball, wheel):
        print(f"{artefact.relative_to(ROOT) if artefact.is_relative_to(ROOT) else artefact}: {artefact.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    sys.exit(main())
