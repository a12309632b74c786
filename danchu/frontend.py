"""Install the front-end packages of package-lock.json from the npm registry without Node.js.

`make setup` runs `npm ci` where npm exists; a server with Python alone gets the same files from
the same registry through this module, each tarball checked against the lock file's integrity
hash before anything is unpacked. Run: `python -m danchu.frontend`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tarball_url(registry: str, name: str, version: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return f"{registry.rstrip('/')}/{name}/-/{base}-{version}.tgz"


def check_integrity(data: bytes, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise SystemExit(f"Tệp tải về không khớp mã kiểm tra {algorithm} trong package-lock.json")


def unpack(data: bytes, target: Path) -> None:
    """npm tarballs hold everything under `package/`; nothing may land outside `target`."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()):
                continue
            relative = Path(*Path(member.name).parts[1:])
            dest = (target / relative).resolve()
            if not dest.is_relative_to(target.resolve()):
                raise SystemExit(f"Đường dẫn không hợp lệ trong gói: {member.name}")
            if member.isdir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            dest.write_bytes(source.read())


def install(root: Path = ROOT, registry: str | None = None) -> list[str]:
    registry = registry or os.environ.get("NPM_CONFIG_REGISTRY") or "https://registry.npmjs.org/"
    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    done = []
    for path, meta in lock["packages"].items():
        if not path.startswith("node_modules/"):
            continue
        name = path.removeprefix("node_modules/")
        url = meta.get("resolved") or tarball_url(registry, name, meta["version"])
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read()
        check_integrity(data, meta["integrity"])
        unpack(data, root / path)
        done.append(f"{name}@{meta['version']}")
    return done


if __name__ == "__main__":
    for line in install():
        print(line, file=sys.stderr)
