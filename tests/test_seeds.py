"""The seeds are the raw inputs: byte for byte as received, checked against a manifest."""

import hashlib

from conftest import DATA, ROOT, SEEDS


def manifest() -> dict[str, str]:
    entries = {}
    for line in (DATA / "seeds.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        entries[name] = digest
    return entries


def test_every_seed_matches_its_checksum():
    for name, digest in manifest().items():
        assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest, name


def test_manifest_lists_exactly_the_seed_files():
    on_disk = {f"seeds/{p.name}" for p in SEEDS.iterdir() if p.is_file()}
    assert on_disk == set(manifest())
    assert len(on_disk) == 5
