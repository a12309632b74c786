"""Front-end packages installed without Node.js: the lock file's hash guards what is unpacked."""

import base64
import hashlib
import io
import tarfile

import pytest

from danchu import frontend


def tarball(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def sri(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_a_tarball_that_does_not_match_the_lock_is_refused():
    data = tarball({"package/dist/htmx.min.js": b"ok"})
    frontend.check_integrity(data, sri(data))
    with pytest.raises(SystemExit, match="không khớp"):
        frontend.check_integrity(data + b"x", sri(data))


def test_unpack_strips_the_package_folder_and_stays_inside_the_target(tmp_path):
    target = tmp_path / "node_modules" / "htmx.org"
    frontend.unpack(tarball({"package/dist/htmx.min.js": b"js"}), target)
    assert (target / "dist" / "htmx.min.js").read_bytes() == b"js"
    with pytest.raises(SystemExit, match="không hợp lệ"):
        frontend.unpack(tarball({"package/../../evil.js": b"x"}), target)
    assert not (tmp_path / "evil.js").exists()


def test_tarball_address_follows_the_registry_layout():
    assert (
        frontend.tarball_url("https://registry.npmjs.org/", "htmx.org", "2.0.4")
        == "https://registry.npmjs.org/htmx.org/-/htmx.org-2.0.4.tgz"
    )
