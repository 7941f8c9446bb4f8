"""Reading a zip that nobody vouches for: any name, size or byte in it may be hostile.

Names are checked before anything is read (no absolute paths, no '..', no backslashes,
no duplicates); sizes are checked on the declared sizes first and again while reading,
because a header can lie and a few kilobytes can inflate to gigabytes. Nothing is
written to disk: members are read into memory, within the limits.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workflows.errors import DamagedDossier


@dataclass(frozen=True)
class Limits:
    member_bytes: int = 64 * 1024 * 1024
    total_bytes: int = 512 * 1024 * 1024
    members: int = 10_000


# What zipfile and zlib raise on a damaged or unsupported member (RuntimeError: encrypted).
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError, ValueError)


def read_members(path: Path, limits: Limits) -> dict[str, bytes]:
    """Every member's bytes by name; DamagedDossier names the member at fault."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as err:
        raise DamagedDossier(f"{path.name} bestaat niet") from err
    except _DAMAGED as err:
        raise DamagedDossier(f"{path.name} is geen leesbaar zip-bestand") from err
    with archive:
        infos = archive.infolist()
        _check_names(infos, limits)
        _check_declared_sizes(infos, limits)
        return {info.filename: _read(archive, info, limits) for info in infos}


def _check_names(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.members:
        raise DamagedDossier(f"het zip-bestand bevat meer dan {limits.members} bestanden")
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        parts = PurePosixPath(name).parts
        if (not name or name.startswith("/") or "\\" in name or "\x00" in name
                or ":" in name or ".." in parts or info.is_dir()):
            raise DamagedDossier(f"ongeldige bestandsnaam in het zip-bestand: {name!r}")
        if name in seen:
            raise DamagedDossier(f"{name} staat twee keer in het zip-bestand")
        seen.add(name)


def _check_declared_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = 0
    for info in infos:
        if info.file_size > limits.member_bytes:
            raise DamagedDossier(f"{info.filename} is groter dan toegestaan "
                                 f"({limits.member_bytes} bytes)")
        total += info.file_size
    if total > limits.total_bytes:
        raise DamagedDossier(f"het zip-bestand is uitgepakt groter dan toegestaan "
                             f"({limits.total_bytes} bytes)")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """At most the declared size plus one byte, so a lying header cannot make us inflate
    more than the limit; zipfile checks the CRC once the member is read to its end."""
    try:
        with archive.open(info) as stream:
            content = stream.read(min(info.file_size, limits.member_bytes) + 1)
    except _DAMAGED as err:
        raise DamagedDossier(f"{info.filename} is beschadigd en niet te lezen") from err
    if len(content) > info.file_size:
        raise DamagedDossier(f"{info.filename} is groter dan het zip-bestand opgeeft")
    return content
